//! Test support: `TestDb` gives every test a fresh database. `KOPPEL_TEST_DATABASE_URL` unset means a
//! new SQLite file; a `postgres://` URL means a new PostgreSQL database on that server, dropped afterwards.
#![allow(clippy::unwrap_used, clippy::expect_used)]

pub mod certs;
pub mod vum_docs;

use rand::Rng;
use sqlx::Connection;

/// A fresh, empty database for one test.
pub struct TestDb {
    pub url: String,
    admin: Option<(String, String)>,
    _dir: Option<std::path::PathBuf>,
}

impl TestDb {
    pub async fn new() -> Self {
        let suffix: u64 = rand::thread_rng().gen();
        match std::env::var("KOPPEL_TEST_DATABASE_URL") {
            Ok(base) if base.starts_with("postgres") => {
                let name = format!("koppel_test_{suffix:016x}");
                let mut conn = sqlx::PgConnection::connect(&base)
                    .await
                    .expect("connect to the PostgreSQL test server");
                sqlx::query(&format!("CREATE DATABASE {name}"))
                    .execute(&mut conn)
                    .await
                    .expect("create test database");
                conn.close().await.ok();
                let (prefix, _) = base.rsplit_once('/').expect("database url with a path");
                TestDb {
                    url: format!("{prefix}/{name}"),
                    admin: Some((base, name)),
                    _dir: None,
                }
            }
            _ => {
                let dir = std::env::temp_dir().join(format!("koppel-test-{suffix:016x}"));
                std::fs::create_dir_all(&dir).unwrap();
                TestDb {
                    url: dir.join("koppel.db").display().to_string(),
                    admin: None,
                    _dir: Some(dir),
                }
            }
        }
    }

    pub fn is_postgres(&self) -> bool {
        self.admin.is_some()
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some(dir) = &self._dir {
            let _ = std::fs::remove_dir_all(dir);
        }
        if let Some((base, name)) = self.admin.take() {
            // Drop the database from a separate thread with its own runtime: Drop cannot await.
            let _ = std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .unwrap();
                rt.block_on(async {
                    if let Ok(mut conn) = sqlx::PgConnection::connect(&base).await {
                        let _ =
                            sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                                .execute(&mut conn)
                                .await;
                    }
                });
            })
            .join();
        }
    }
}
