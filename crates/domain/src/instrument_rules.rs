//! Which instruments may apply to a candidate at an employer. The rules are data (they change
//! every year and differ per municipality); this decides whether one applies and on which facts,
//! so the adviser sees why. koppel advises; the adviser decides.

use chrono::NaiveDate;

/// The part of a rule that decides whether it applies: comma-separated codes, empty for any.
#[derive(Debug, Clone, Copy)]
pub struct RuleScope<'a> {
    pub target_groups: &'a str,
    pub municipalities: &'a str,
    pub sectors: &'a str,
    pub valid_from: NaiveDate,
    pub valid_to: Option<NaiveDate>,
}

/// What is known of the candidate and the employer.
#[derive(Debug, Clone, Copy)]
pub struct Facts<'a> {
    pub target_group: &'a str,
    /// The employer's municipality (CBS code), when known.
    pub municipality: Option<&'a str>,
    pub sector: &'a str,
    pub on: NaiveDate,
}

/// A fact a rule applied on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Because {
    TargetGroup,
    Municipality,
    Sector,
}

fn listed(list: &str, value: Option<&str>) -> Option<bool> {
    let codes: Vec<&str> = list
        .split(',')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    if codes.is_empty() {
        return None;
    }
    Some(value.is_some_and(|v| codes.iter().any(|c| c.eq_ignore_ascii_case(v))))
}

/// The facts the rule applied on (empty: it applies to everyone), or `None` when it does not
/// apply: a listed dimension the facts are not in (an unknown municipality is not in a list), or
/// a date outside its validity.
pub fn applies(rule: &RuleScope, facts: &Facts) -> Option<Vec<Because>> {
    if facts.on < rule.valid_from || rule.valid_to.is_some_and(|t| facts.on > t) {
        return None;
    }
    let mut because = Vec::new();
    for (list, value, why) in [
        (
            rule.target_groups,
            Some(facts.target_group),
            Because::TargetGroup,
        ),
        (
            rule.municipalities,
            facts.municipality,
            Because::Municipality,
        ),
        (rule.sectors, Some(facts.sector), Because::Sector),
    ] {
        match listed(list, value) {
            Some(false) => return None,
            Some(true) => because.push(why),
            None => {}
        }
    }
    Some(because)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rule_applies_on_every_listed_fact_and_only_while_valid() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 3, d).unwrap_or_default();
        let rule = RuleScope {
            target_groups: "pwet, banenafspraak",
            municipalities: "GM0392",
            sectors: "",
            valid_from: day(1),
            valid_to: Some(day(20)),
        };
        let facts = Facts {
            target_group: "pwet",
            municipality: Some("GM0392"),
            sector: "bouw",
            on: day(10),
        };
        assert_eq!(
            applies(&rule, &facts),
            Some(vec![Because::TargetGroup, Because::Municipality])
        );
        assert_eq!(
            applies(
                &rule,
                &Facts {
                    target_group: "ww",
                    ..facts
                }
            ),
            None
        );
        assert_eq!(
            applies(
                &rule,
                &Facts {
                    municipality: None,
                    ..facts
                }
            ),
            None
        );
        assert_eq!(
            applies(
                &rule,
                &Facts {
                    on: day(21),
                    ..facts
                }
            ),
            None
        );
        let anyone = RuleScope {
            target_groups: "",
            municipalities: "",
            ..rule
        };
        assert_eq!(
            applies(
                &anyone,
                &Facts {
                    target_group: "ww",
                    municipality: None,
                    ..facts
                }
            ),
            Some(vec![])
        );
    }
}
