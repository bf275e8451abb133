//! The vacancy paper as feeds partners can subscribe to: RSS 2.0, Atom 1.0 and JSON Feed 1.1,
//! written by hand (each a page of simple, escaped text).

use chrono::{DateTime, Utc};
use koppel_app::vacancy_paper::PaperVacancy;
use serde_json::json;

const TITLE: &str = "Vacaturekrant WerkgeversServicepunt";

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\r' | '\t') => {}
            c => out.push(c),
        }
    }
    out
}

fn summary(v: &PaperVacancy) -> String {
    let mut parts = vec![v.employer_name.clone()];
    if !v.city.is_empty() {
        parts.push(v.city.clone());
    }
    if let Some(h) = v.hours_per_week {
        parts.push(format!("{h} uur per week"));
    }
    if let Some(c) = &v.contract_label {
        parts.push(c.clone());
    }
    format!("{}. {}", parts.join(" · "), v.description)
}

fn newest(items: &[PaperVacancy]) -> DateTime<Utc> {
    items
        .iter()
        .map(|v| v.updated_at)
        .max()
        .unwrap_or_else(Utc::now)
}

/// `base`: the site's address (scheme and host); `query`: the paper's filters, as `?...` or empty.
pub fn rss(items: &[PaperVacancy], base: &str, query: &str) -> String {
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel>\
         <title>{}</title><link>{base}/vacaturekrant{}</link><description>Vacatures via het WerkgeversServicepunt</description>\
         <language>nl</language><lastBuildDate>{}</lastBuildDate>\
         <atom:link href=\"{base}/vacaturekrant/rss.xml{}\" rel=\"self\" type=\"application/rss+xml\"/>",
        escape(TITLE),
        escape(query),
        newest(items).to_rfc2822(),
        escape(query)
    );
    for v in items {
        let link = format!("{base}/vacaturekrant/{}", v.id);
        out.push_str(&format!(
            "<item><title>{}</title><link>{link}</link><guid isPermaLink=\"true\">{link}</guid><pubDate>{}</pubDate><description>{}</description></item>",
            escape(&v.title),
            v.published_at.to_rfc2822(),
            escape(&summary(v))
        ));
    }
    out.push_str("</channel></rss>\n");
    out
}

pub fn atom(items: &[PaperVacancy], base: &str, query: &str) -> String {
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"nl\">\
         <title>{}</title><id>{base}/vacaturekrant</id><updated>{}</updated>\
         <link rel=\"self\" href=\"{base}/vacaturekrant/atom.xml{}\"/><link rel=\"alternate\" href=\"{base}/vacaturekrant{}\"/>\
         <author><name>WerkgeversServicepunt</name></author>",
        escape(TITLE),
        newest(items).to_rfc3339(),
        escape(query),
        escape(query)
    );
    for v in items {
        let link = format!("{base}/vacaturekrant/{}", v.id);
        out.push_str(&format!(
            "<entry><title>{}</title><id>{link}</id><link rel=\"alternate\" href=\"{link}\"/><published>{}</published>\
             <updated>{}</updated><summary>{}</summary></entry>",
            escape(&v.title),
            v.published_at.to_rfc3339(),
            v.updated_at.to_rfc3339(),
            escape(&summary(v))
        ));
    }
    out.push_str("</feed>\n");
    out
}

pub fn json_feed(items: &[PaperVacancy], base: &str, query: &str) -> serde_json::Value {
    json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": TITLE,
        "language": "nl",
        "home_page_url": format!("{base}/vacaturekrant{query}"),
        "feed_url": format!("{base}/vacaturekrant/feed.json{query}"),
        "items": items.iter().map(|v| json!({
            "id": format!("{base}/vacaturekrant/{}", v.id),
            "url": format!("{base}/vacaturekrant/{}", v.id),
            "title": v.title,
            "content_text": summary(v),
            "date_published": v.published_at.to_rfc3339(),
            "date_modified": v.updated_at.to_rfc3339(),
            "_koppel": v,
        })).collect::<Vec<_>>(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_for_xml() {
        assert_eq!(
            escape("A & B <c> \"d\" 'e'\u{1}"),
            "A &amp; B &lt;c&gt; &quot;d&quot; &apos;e&apos;"
        );
    }
}
