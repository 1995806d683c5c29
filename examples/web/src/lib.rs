//! A small REST API on axum and SeaORM, the kind people build, whose rules and
//! side effects live in hooks-orm hooks:
//!
//! - the acting user comes from a bearer token and reaches the hooks through
//!   [`HookDb::with`]; the `post` hooks decide who may edit or delete what;
//! - a [`HookError`] becomes the HTTP answer ([`ApiError`]): validation 422
//!   with the field, forbidden 403, not found 404, a constraint violation
//!   409, anything else 500 with no details;
//! - `after_commit` hooks evict the cache the GET handler reads and record a
//!   notification in the outbox, so a request that fails leaves neither.
//!
//! `cargo run -p web` serves it; `tests/http.rs` drives it over real HTTP.

pub mod entities;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use axum::extract::{FromRequestParts, Path, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use hooks_orm::prelude::*;
use hooks_orm::{HookErrorKind, HookedActiveModelTrait};
use sea_orm::{
    ColumnTrait, ConnectionTrait, Database, DatabaseConnection, DbErr, EntityTrait, QueryFilter,
    QueryOrder, Schema, SqlErr,
};
use serde::Deserialize;
use serde_json::{Value, json};

use entities::{outbox, post, post_audit, user};

/// The signed-in user, attached to each request's `HookDb`.
#[derive(Clone, Debug)]
pub struct Actor {
    pub id: i32,
    pub is_admin: bool,
}

/// What the `after_commit` hooks act on, attached once to the app's `HookDb`.
#[derive(Clone, Default)]
pub struct Services {
    pub cache: Arc<PostCache>,
}

/// The posts the GET handler served, by id; hooks evict a post once a write
/// of it committed.
#[derive(Default)]
pub struct PostCache {
    posts: Mutex<HashMap<i32, post::Model>>,
}

impl PostCache {
    pub fn get(&self, id: i32) -> Option<post::Model> {
        self.lock().get(&id).cloned()
    }

    pub fn put(&self, post: post::Model) {
        self.lock().insert(post.id, post);
    }

    pub fn forget(&self, id: i32) {
        self.lock().remove(&id);
    }

    pub fn contains(&self, id: i32) -> bool {
        self.lock().contains_key(&id)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<i32, post::Model>> {
        self.posts.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// The app's state: the `HookDb` (with the services attached) and the services.
#[derive(Clone)]
pub struct App {
    pub db: HookDb,
    pub services: Services,
}

impl App {
    /// Connects to `url` (any SeaORM URL) and creates the tables if missing.
    pub async fn connect(url: &str) -> Result<App, DbErr> {
        let conn = Database::connect(url).await?;
        create_tables(&conn).await?;
        let services = Services::default();
        let db = HookDb::new(conn).with(services.clone());
        Ok(App { db, services })
    }

    pub fn router(self) -> Router {
        Router::new()
            .route("/users", post(create_user))
            .route("/posts", post(create_post))
            .route(
                "/posts/{id}",
                get(read_post).patch(edit_post).delete(delete_post),
            )
            .route("/posts/{id}/audit", get(post_audit_trail))
            .route("/outbox", get(read_outbox))
            .with_state(self)
    }
}

async fn create_tables(db: &DatabaseConnection) -> Result<(), DbErr> {
    let schema = Schema::new(db.get_database_backend());
    let mut tables = vec![
        schema.create_table_from_entity(user::Entity),
        schema.create_table_from_entity(post::Entity),
        schema.create_table_from_entity(post_audit::Entity),
        schema.create_table_from_entity(outbox::Entity),
    ];
    for table in &mut tables {
        db.execute(table.if_not_exists()).await?;
    }
    Ok(())
}

/// The request's handle: the app's `HookDb`, with the actor when the request
/// carries a valid `Authorization: Bearer <token>`. A request without one
/// has no actor (the hooks refuse what needs one); a wrong token is a 401.
pub struct Db(pub HookDb);

impl FromRequestParts<App> for Db {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Db, ApiError> {
        let Some(header) = parts.headers.get("authorization") else {
            return Ok(Db(app.db.clone()));
        };
        let token = header
            .to_str()
            .ok()
            .and_then(|h| h.strip_prefix("Bearer "))
            .ok_or(ApiError::Unauthorized)?;
        let user = user::Entity::find()
            .filter(user::Column::Token.eq(token))
            .one(&app.db)
            .await?
            .ok_or(ApiError::Unauthorized)?;
        Ok(Db(app.db.with(Actor {
            id: user.id,
            is_admin: user.is_admin,
        })))
    }
}

/// A failed request, as JSON.
#[derive(Debug)]
pub enum ApiError {
    Hook(HookError),
    NotFound,
    Unauthorized,
}

impl From<HookError> for ApiError {
    fn from(err: HookError) -> Self {
        ApiError::Hook(err)
    }
}

impl From<DbErr> for ApiError {
    fn from(err: DbErr) -> Self {
        ApiError::Hook(HookError::from_db_err(&err).unwrap_or_else(|| err.into()))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, body) = match &self {
            ApiError::NotFound => (StatusCode::NOT_FOUND, json!({"error": "not_found"})),
            ApiError::Unauthorized => (StatusCode::UNAUTHORIZED, json!({"error": "unauthorized"})),
            ApiError::Hook(err) => match err.kind() {
                HookErrorKind::Validation { .. } => (
                    StatusCode::UNPROCESSABLE_ENTITY,
                    json!({"error": "validation", "field": err.field(), "message": err.message()}),
                ),
                HookErrorKind::Forbidden { .. } => (
                    StatusCode::FORBIDDEN,
                    json!({"error": "forbidden", "message": err.message()}),
                ),
                HookErrorKind::Db(db) => match db {
                    DbErr::RecordNotFound(_) | DbErr::RecordNotUpdated => {
                        (StatusCode::NOT_FOUND, json!({"error": "not_found"}))
                    }
                    _ if matches!(
                        db.sql_err(),
                        Some(SqlErr::UniqueConstraintViolation(_))
                            | Some(SqlErr::ForeignKeyConstraintViolation(_))
                    ) =>
                    {
                        (StatusCode::CONFLICT, json!({"error": "conflict"}))
                    }
                    _ => internal(err),
                },
                _ => internal(err),
            },
        };
        (status, Json(body)).into_response()
    }
}

/// A 500 that says nothing about the inside; the details go to the log.
fn internal(err: &HookError) -> (StatusCode, Value) {
    eprintln!("internal error: {err:?}");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        json!({"error": "internal"}),
    )
}

#[derive(Deserialize)]
pub struct NewUser {
    pub name: String,
    #[serde(default)]
    pub is_admin: bool,
}

/// Registers a user; the answer holds the token to sign in with.
async fn create_user(
    State(app): State<App>,
    Json(new): Json<NewUser>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let token = format!("tok-{}-{}", new.name.trim().to_lowercase(), app_nonce());
    let user = user::ActiveModel {
        name: Set(new.name),
        token: Set(token.clone()),
        is_admin: Set(new.is_admin),
        ..Default::default()
    }
    .insert_hooked(&app.db)
    .await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({"id": user.id, "name": user.name, "token": token})),
    ))
}

/// A number that differs per call, for tokens that are not guessable from
/// the name alone in this demo (a real service would use a random token).
fn app_nonce() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos())
}

#[derive(Deserialize)]
pub struct PostInput {
    pub title: Option<String>,
    pub body: Option<String>,
}

async fn create_post(
    Db(db): Db,
    Json(input): Json<PostInput>,
) -> Result<(StatusCode, Json<post::Model>), ApiError> {
    let post = post::ActiveModel {
        title: Set(input.title.unwrap_or_default()),
        body: Set(input.body.unwrap_or_default()),
        ..Default::default()
    }
    .insert_hooked(&db)
    .await?;
    Ok((StatusCode::CREATED, Json(post)))
}

/// Serves from the cache when it can (the `X-Cache` header says which).
async fn read_post(State(app): State<App>, Path(id): Path<i32>) -> Result<Response, ApiError> {
    if let Some(post) = app.services.cache.get(id) {
        return Ok(([("x-cache", "hit")], Json(post)).into_response());
    }
    let post = live_post(&app.db, id).await?;
    app.services.cache.put(post.clone());
    Ok(([("x-cache", "miss")], Json(post)).into_response())
}

async fn live_post(db: &HookDb, id: i32) -> Result<post::Model, ApiError> {
    post::Entity::find_by_id(id)
        .filter(post::Column::DeletedAt.is_null())
        .one(db)
        .await?
        .ok_or(ApiError::NotFound)
}

async fn edit_post(
    Db(db): Db,
    Path(id): Path<i32>,
    Json(input): Json<PostInput>,
) -> Result<Json<post::Model>, ApiError> {
    let mut change: post::ActiveModel = live_post(&db, id).await?.into();
    if let Some(title) = input.title {
        change.title = Set(title);
    }
    if let Some(body) = input.body {
        change.body = Set(body);
    }
    Ok(Json(change.update_hooked(&db).await?))
}

/// Deletes through the hooks: the `soft_delete` hook keeps the row.
async fn delete_post(Db(db): Db, Path(id): Path<i32>) -> Result<Json<Value>, ApiError> {
    let post = live_post(&db, id).await?;
    let outcome = post.delete_hooked(&db).await?;
    Ok(Json(match outcome {
        DeleteOutcome::Deleted(_) => json!({"deleted": "hard"}),
        DeleteOutcome::Kept { by } => json!({"deleted": "soft", "by": by}),
    }))
}

async fn post_audit_trail(
    State(app): State<App>,
    Path(id): Path<i32>,
) -> Result<Json<Vec<post_audit::Model>>, ApiError> {
    let trail = post_audit::Entity::find()
        .filter(post_audit::Column::PostId.eq(id))
        .order_by_asc(post_audit::Column::Id)
        .all(&app.db)
        .await?;
    Ok(Json(trail))
}

async fn read_outbox(State(app): State<App>) -> Result<Json<Vec<outbox::Model>>, ApiError> {
    let rows = outbox::Entity::find()
        .order_by_asc(outbox::Column::Id)
        .all(&app.db)
        .await?;
    Ok(Json(rows))
}
