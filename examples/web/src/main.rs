//! `cargo run -p web`: the API on 127.0.0.1 (`PORT`, default 3000), on
//! `DATABASE_URL` (any SeaORM URL; default: an in-memory SQLite database).

use web::App;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let url = std::env::var("DATABASE_URL").unwrap_or_else(|_| "sqlite::memory:".to_owned());
    let port = std::env::var("PORT").unwrap_or_else(|_| "3000".to_owned());
    let app = App::connect(&url).await?;
    let listener = tokio::net::TcpListener::bind(format!("127.0.0.1:{port}")).await?;
    let addr = listener.local_addr()?;
    println!("hooks-orm web example on http://{addr} (database: {url})");
    println!(
        "try: curl -s -X POST http://{addr}/users -H 'content-type: application/json' -d '{{\"name\":\"ada\"}}'"
    );
    axum::serve(listener, app.router())
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}
