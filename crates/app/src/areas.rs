//! Which municipality a postcode lies in, from the shipped GeoNames PC4 file (CBS codes as `GM` plus four digits).

use std::collections::HashMap;
use std::sync::OnceLock;

/// PC4 number to (CBS municipality code, municipality name); the first row of a PC4 wins.
fn table() -> &'static HashMap<u16, (String, String)> {
    static TABLE: OnceLock<HashMap<u16, (String, String)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut map = HashMap::new();
        for line in crate::reference_data::pc4_text().lines() {
            let cols: Vec<&str> = line.split('\t').collect();
            let (Some(pc4), Some(name), Some(code)) = (cols.get(1), cols.get(5), cols.get(6))
            else {
                continue;
            };
            if let Ok(pc4) = pc4.parse::<u16>() {
                map.entry(pc4)
                    .or_insert_with(|| (format!("GM{code}"), name.to_string()));
            }
        }
        map
    })
}

/// The municipality code of a postcode (`2011AB`, `2011 AB` or `2011`), when the PC4 is known.
pub fn municipality_of(postcode: &str) -> Option<String> {
    let digits: String = postcode.chars().take(4).collect();
    let pc4 = digits.parse::<u16>().ok()?;
    table().get(&pc4).map(|(code, _)| code.clone())
}

/// The name of a municipality by its CBS code, from the same file.
pub fn municipality_name(code: &str) -> Option<String> {
    table()
        .values()
        .find(|(c, _)| c == code)
        .map(|(_, name)| name.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postcodes_map_to_their_municipality() {
        assert_eq!(municipality_of("2011AB").as_deref(), Some("GM0392"));
        assert_eq!(municipality_of("1971 AA").as_deref(), Some("GM0453"));
        assert_eq!(municipality_of("abcd"), None);
        assert_eq!(municipality_name("GM0392").as_deref(), Some("Haarlem"));
    }
}
