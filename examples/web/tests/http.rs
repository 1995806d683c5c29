//! The web example over real HTTP: the server on a free loopback port, a
//! reqwest client, and the database and cache checked behind it.

use reqwest::{Client, StatusCode};
use sea_orm::EntityTrait;
use serde_json::{Value, json};
use web::App;
use web::entities::post;

struct Server {
    base: String,
    client: Client,
    app: App,
}

impl Server {
    async fn start() -> Server {
        let app = App::connect("sqlite::memory:").await.unwrap();
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let router = app.clone().router();
        tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
        Server {
            base,
            client: Client::new(),
            app,
        }
    }

    async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        token: Option<&str>,
        body: Option<Value>,
    ) -> (StatusCode, Value, Option<String>) {
        let mut request = self.client.request(method, format!("{}{path}", self.base));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.unwrap();
        let status = response.status();
        let cache = response
            .headers()
            .get("x-cache")
            .map(|v| v.to_str().unwrap().to_owned());
        let body = response.json::<Value>().await.unwrap_or(Value::Null);
        (status, body, cache)
    }

    async fn sign_up(&self, name: &str) -> (i64, String) {
        let (status, body, _) = self
            .send(
                reqwest::Method::POST,
                "/users",
                None,
                Some(json!({"name": name})),
            )
            .await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        (
            body["id"].as_i64().unwrap(),
            body["token"].as_str().unwrap().to_owned(),
        )
    }

    /// The topics in the outbox, oldest first.
    async fn outbox(&self) -> Vec<String> {
        let (status, body, _) = self.send(reqwest::Method::GET, "/outbox", None, None).await;
        assert_eq!(status, StatusCode::OK);
        body.as_array()
            .unwrap()
            .iter()
            .map(|row| format!("{}:{}", row["topic"].as_str().unwrap(), row["post_id"]))
            .collect()
    }
}

use reqwest::Method;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_api_maps_hook_errors_and_runs_side_effects_only_after_commit() {
    let server = Server::start().await;

    // Users: validation (422 with the field), then a unique name (409).
    let (status, body, _) = server
        .send(
            Method::POST,
            "/users",
            None,
            Some(json!({"name": "not a handle"})),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["error"], "validation");
    assert_eq!(body["field"], "name");
    let (ada_id, ada) = server.sign_up("Ada").await;
    let (_, bob) = server.sign_up("bob").await;
    let (status, body, _) = server
        .send(Method::POST, "/users", None, Some(json!({"name": "ada"})))
        .await;
    assert_eq!(status, StatusCode::CONFLICT, "{body}");
    assert_eq!(body, json!({"error": "conflict"}));

    // Creating a post needs an actor: none is 403, a wrong token 401.
    let new_post = json!({"title": "Hello", "body": "first"});
    let (status, body, _) = server
        .send(Method::POST, "/posts", None, Some(new_post.clone()))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    let (status, _, _) = server
        .send(
            Method::POST,
            "/posts",
            Some("tok-nobody"),
            Some(new_post.clone()),
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(
        server.outbox().await.is_empty(),
        "no side effect for a refused write"
    );

    // Create: the hook sets the author; the after_commit hook records it.
    let (status, created, _) = server
        .send(Method::POST, "/posts", Some(&ada), Some(new_post))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["author_id"].as_i64(), Some(ada_id));
    let id = created["id"].as_i64().unwrap();
    let path = format!("/posts/{id}");
    assert_eq!(server.outbox().await, [format!("post.created:{id}")]);

    // A validation failure: 422 with the field, and no side effect.
    let (status, body, _) = server
        .send(
            Method::POST,
            "/posts",
            Some(&ada),
            Some(json!({"title": " "})),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["field"], "title");
    assert_eq!(server.outbox().await.len(), 1);

    // GET fills the cache.
    let (status, _, cache) = server.send(Method::GET, &path, None, None).await;
    assert_eq!((status, cache.as_deref()), (StatusCode::OK, Some("miss")));
    let (_, _, cache) = server.send(Method::GET, &path, None, None).await;
    assert_eq!(cache.as_deref(), Some("hit"));

    // Bob may not edit Ada's post: 403, the cache and the outbox untouched.
    let edit = json!({"title": "Hello, world"});
    let (status, body, _) = server
        .send(Method::PATCH, &path, Some(&bob), Some(edit.clone()))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    assert!(server.app.services.cache.contains(id as i32));
    // Ada's edit with a bad title fails too, leaving nothing.
    let (status, _, _) = server
        .send(Method::PATCH, &path, Some(&ada), Some(json!({"title": ""})))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(server.app.services.cache.contains(id as i32));
    assert_eq!(server.outbox().await.len(), 1);

    // Ada's edit: audited with the actor, the cache evicted after the commit.
    let (status, edited, _) = server
        .send(Method::PATCH, &path, Some(&ada), Some(edit))
        .await;
    assert_eq!(status, StatusCode::OK, "{edited}");
    assert_eq!(edited["title"], "Hello, world");
    assert!(!server.app.services.cache.contains(id as i32));
    let (_, trail, _) = server
        .send(Method::GET, &format!("{path}/audit"), None, None)
        .await;
    assert_eq!(trail[0]["old_title"], "Hello");
    assert_eq!(trail[0]["new_title"], "Hello, world");
    assert_eq!(trail[0]["actor_id"].as_i64(), Some(ada_id));
    assert_eq!(
        server.outbox().await,
        [format!("post.created:{id}"), format!("post.updated:{id}")]
    );

    // Delete: Bob is refused; Ada's delete is a soft delete (the row stays).
    let (status, _, _) = server.send(Method::DELETE, &path, Some(&bob), None).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (_, _, cache) = server.send(Method::GET, &path, None, None).await;
    assert_eq!(cache.as_deref(), Some("miss"));
    let (status, body, _) = server.send(Method::DELETE, &path, Some(&ada), None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body, json!({"deleted": "soft", "by": "soft_delete"}));
    let (status, body, _) = server.send(Method::GET, &path, None, None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body, json!({"error": "not_found"}));
    let stored = post::Entity::find_by_id(id as i32)
        .one(&server.app.db)
        .await
        .unwrap()
        .unwrap();
    assert!(stored.deleted_at.is_some(), "soft-deleted, not removed");
    assert_eq!(
        server.outbox().await,
        [
            format!("post.created:{id}"),
            format!("post.updated:{id}"),
            format!("post.deleted:{id}"),
        ]
    );
    // A deleted post is gone for the API: editing it is a 404.
    let (status, _, _) = server
        .send(
            Method::PATCH,
            &path,
            Some(&ada),
            Some(json!({"title": "again"})),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
