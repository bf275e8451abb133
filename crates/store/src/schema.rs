//! A portable description of the live schema (tables, columns, types, nullability, indexes),
//! so a test can prove the SQLite and PostgreSQL migrations agree.

use crate::{vals, Backend, StoreError, Tx};

/// One line per column and per index, sorted; types reduced to portable classes.
pub async fn describe(tx: &mut Tx) -> Result<Vec<String>, StoreError> {
    let mut lines = Vec::new();
    match tx.backend() {
        Backend::Sqlite => {
            let tables: Vec<(String,)> = tx
                .fetch_all("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_sqlx%'", &[])
                .await?;
            for (table,) in tables {
                let cols: Vec<(String, String, bool, bool)> = tx
                    .fetch_all(
                        "SELECT name, type, \"notnull\" != 0, pk > 0 FROM pragma_table_info($1)",
                        &vals![table.as_str()],
                    )
                    .await?;
                for (name, ty, notnull, pk) in cols {
                    lines.push(column_line(&table, &name, &ty, notnull || pk));
                }
                let idx: Vec<(String,)> = tx
                    .fetch_all(
                        "SELECT name FROM pragma_index_list($1) WHERE origin = 'c'",
                        &vals![table.as_str()],
                    )
                    .await?;
                lines.extend(idx.into_iter().map(|(i,)| format!("index {table}.{i}")));
            }
        }
        Backend::Postgres => {
            let cols: Vec<(String, String, String, String)> = tx
                .fetch_all(
                    "SELECT table_name::text, column_name::text, data_type::text, is_nullable::text FROM information_schema.columns \
                     WHERE table_schema = current_schema() AND table_name NOT LIKE '_sqlx%'",
                    &[],
                )
                .await?;
            for (table, name, ty, nullable) in cols {
                lines.push(column_line(&table, &name, &ty, nullable == "NO"));
            }
            let idx: Vec<(String, String)> = tx
                .fetch_all(
                    "SELECT tablename::text, indexname::text FROM pg_indexes WHERE schemaname = current_schema() \
                     AND indexname NOT LIKE '%_pkey' AND indexname NOT LIKE '%_key' AND tablename NOT LIKE '_sqlx%'",
                    &[],
                )
                .await?;
            lines.extend(idx.into_iter().map(|(t, i)| format!("index {t}.{i}")));
        }
    }
    lines.sort();
    Ok(lines)
}

/// How many migrations the database has run successfully.
pub async fn applied_migrations(tx: &mut Tx) -> Result<i64, StoreError> {
    tx.scalar(
        "SELECT COUNT(*) FROM _sqlx_migrations WHERE success = $1",
        &vals![true],
    )
    .await
}

fn column_line(table: &str, column: &str, ty: &str, not_null: bool) -> String {
    let t = ty.to_ascii_lowercase();
    let class = if t.contains("int") {
        "integer"
    } else if t.contains("bool") {
        "boolean"
    } else if t.contains("timestamp") {
        "timestamp"
    } else if t == "date" {
        "date"
    } else if t.contains("text") || t.contains("char") {
        "text"
    } else {
        "other"
    };
    format!(
        "column {table}.{column} {class}{}",
        if not_null { " not null" } else { "" }
    )
}

/// The code lists the schema enforces: (table, column, allowed codes) for every
/// `CHECK (column IN (...))`, sorted, so a test can hold them against the domain's code lists.
pub async fn code_checks(tx: &mut Tx) -> Result<Vec<(String, String, Vec<String>)>, StoreError> {
    let mut out = Vec::new();
    match tx.backend() {
        Backend::Sqlite => {
            let tables: Vec<(String, String)> = tx
                .fetch_all(
                    "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql IS NOT NULL",
                    &[],
                )
                .await?;
            for (table, sql) in tables {
                for check in sql.split("CHECK (").skip(1) {
                    let Some((column, list)) = check.split_once(" IN (") else {
                        continue;
                    };
                    let list = list.split(')').next().unwrap_or("");
                    out.push((table.clone(), column.trim().to_string(), quoted(list)));
                }
            }
        }
        Backend::Postgres => {
            let defs: Vec<(String, String)> = tx
                .fetch_all(
                    "SELECT c.conrelid::regclass::text, pg_get_constraintdef(c.oid) FROM pg_constraint c \
                     JOIN pg_namespace n ON n.oid = c.connamespace WHERE c.contype = 'c' AND n.nspname = current_schema()",
                    &[],
                )
                .await?;
            for (table, def) in defs.into_iter().filter(|(_, d)| d.contains("ANY (ARRAY[")) {
                let column: String = def
                    .trim_start_matches("CHECK ")
                    .trim_start_matches('(')
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                out.push((table, column, quoted(&def)));
            }
        }
    }
    for (_, _, codes) in &mut out {
        codes.sort();
    }
    out.sort();
    Ok(out)
}

/// The texts between single quotes.
fn quoted(s: &str) -> Vec<String> {
    s.split('\'')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}
