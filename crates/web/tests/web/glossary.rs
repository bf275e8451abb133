//! The words of the screens: every page an adviser, a consultant, an administrator and a manager
//! can open (and the public pages) is read as a person reads it, and none holds a word that
//! docs/glossary.md says never to show (an internal number, a taxonomy address, English).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::*;
use crate::matrix::rules::{Rule, UI};
use crate::matrix::world::world;

/// The words of the table "Not on a screen" in docs/glossary.md.
fn forbidden() -> Vec<String> {
    let doc = include_str!("../../../../docs/glossary.md");
    let table = doc
        .split("## Not on a screen")
        .nth(1)
        .expect("the table in docs/glossary.md");
    table
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| Word") && !l.starts_with("| ---"))
        .filter_map(|l| l.split('|').nth(1).map(|w| w.trim().to_string()))
        .collect()
}

/// `html` without the elements from `open` to `close`.
fn without(html: &str, open: &str, close: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(i) = rest.find(open) {
        out.push_str(&rest[..i]);
        rest = rest[i..]
            .find(close)
            .map_or("", |j| &rest[i + j + close.len()..]);
    }
    out.push_str(rest);
    out
}

/// The text a person reads: no scripts, styles or tags; entities of quotes and ampersands decoded.
fn visible(html: &str) -> String {
    let bare = without(&without(html, "<script", "</script>"), "<style", "</style>");
    let mut text = String::new();
    let mut in_tag = false;
    for c in bare.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&#39;", "'")
        .replace("&#34;", "\"")
        .replace("&amp;", "&")
        .replace("&#38;", "&")
}

fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !c.is_alphanumeric() && c != 'ë')
        .filter(|w| !w.is_empty())
        .collect()
}

#[tokio::test]
async fn no_page_shows_a_word_the_glossary_keeps_off_the_screen() {
    let app = TestApp::new().await;
    let w = world(&app).await;
    let forbidden = forbidden();
    assert!(forbidden.iter().any(|f| f == "URI"), "{forbidden:?}");
    let mut sessions = vec![String::new()];
    for user in [
        "adviseur@ijmond.nl",
        "consulent@ijmond.nl",
        "beheer@spaarne.nl",
        "manager@spaarne.nl",
    ] {
        sessions.push(app.browser_session(user).await);
    }
    let mut read = 0;
    let mut found = Vec::new();
    for (method, route, rule) in UI {
        let skip = route.starts_with("/static/")
            || route.starts_with("/kiezen/")
            || route.contains(".xml")
            || route.contains(".json")
            || route.ends_with(".csv")
            || route.contains("download")
            || *route == "/health";
        if *method != "GET" || skip {
            continue;
        }
        let who: &[String] = match rule {
            Rule::Public => &sessions[..1],
            _ => &sessions[1..],
        };
        let path = w.request_path(true, route);
        for cookie in who {
            let page = app.get_page(cookie, &path).await;
            let html = page
                .headers
                .get("content-type")
                .and_then(|v| v.to_str().ok())
                .is_some_and(|t| t.starts_with("text/html"));
            if page.status != 200 || !html {
                continue;
            }
            read += 1;
            let text = visible(&page.body);
            for word in words(&text) {
                let bad = forbidden.iter().any(|f| {
                    if f.chars().all(|c| c.is_uppercase()) {
                        word == f
                    } else {
                        word.to_lowercase() == f.to_lowercase()
                    }
                });
                if bad {
                    found.push(format!("{path}: '{word}'"));
                }
            }
        }
    }
    found.sort();
    found.dedup();
    assert!(read > 40, "only {read} pages read");
    assert!(
        found.is_empty(),
        "words the glossary keeps off the screen:\n{}",
        found.join("\n")
    );
}
