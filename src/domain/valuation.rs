//! Fair points: a suggestion for every listing, from the rules in `bot.toml` `[valuation]`.
//!
//! Items: category base × condition × original-price band × quantity. Time (services): hours ×
//! rate × intensity × special slot (nights, holidays). Skills: hours × rate × scarcity ×
//! qualification. A resident may ask for points within `spread` of the suggestion; a
//! social worker may set any amount.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::domain::Resource;

/// The valuation rules.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ValuationConfig {
    /// Residents may ask for points between suggestion ÷ spread and suggestion × spread.
    pub spread: f64,
    /// Points for a new item, by category.
    pub item_base: BTreeMap<String, f64>,
    /// Factor by condition: new, like_new, good, fair, poor.
    pub condition: BTreeMap<String, f64>,
    /// Factor by original price (yuan): the first band whose `up_to` covers the price.
    pub price_bands: Vec<PriceBand>,
    /// Services: points per hour, and the hours assumed when a listing names none.
    pub hour_rate: f64,
    pub default_hours: f64,
    /// Services: factor by intensity (light, normal, heavy).
    pub intensity: BTreeMap<String, f64>,
    /// Services: factor for special slots (night, holiday).
    pub special_slot: BTreeMap<String, f64>,
    /// Skills: points per hour.
    pub skill_rate: f64,
    /// Skills: factor by category (scarce know-how is worth more).
    pub scarcity: BTreeMap<String, f64>,
    /// Skills: factor by qualification (none, certified).
    pub qualification: BTreeMap<String, f64>,
    /// Most points any single listing may ask for.
    pub max_points: i64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriceBand {
    pub up_to: f64,
    pub factor: f64,
}

fn map(pairs: &[(&str, f64)]) -> BTreeMap<String, f64> {
    pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

impl Default for ValuationConfig {
    fn default() -> Self {
        ValuationConfig {
            spread: 5.0,
            item_base: map(&[
                ("books", 5.0),
                ("kids", 20.0),
                ("clothing", 8.0),
                ("electronics", 40.0),
                ("appliances", 30.0),
                ("furniture", 40.0),
                ("tools", 15.0),
                ("kitchen", 10.0),
                ("sports", 20.0),
                ("garden", 6.0),
                ("food", 3.0),
                ("other", 10.0),
            ]),
            condition: map(&[
                ("new", 1.0),
                ("like_new", 0.8),
                ("good", 0.6),
                ("fair", 0.4),
                ("poor", 0.2),
            ]),
            price_bands: vec![
                PriceBand {
                    up_to: 50.0,
                    factor: 0.5,
                },
                PriceBand {
                    up_to: 300.0,
                    factor: 1.0,
                },
                PriceBand {
                    up_to: 1000.0,
                    factor: 1.5,
                },
                PriceBand {
                    up_to: f64::MAX,
                    factor: 2.0,
                },
            ],
            hour_rate: 10.0,
            default_hours: 1.0,
            intensity: map(&[("light", 0.8), ("normal", 1.0), ("heavy", 1.5)]),
            special_slot: map(&[("night", 1.5), ("holiday", 1.5)]),
            skill_rate: 15.0,
            scarcity: map(&[
                ("repair", 1.2),
                ("tutoring", 1.0),
                ("language", 1.0),
                ("music_art", 1.2),
                ("tech", 1.3),
                ("health", 1.5),
                ("beauty", 1.0),
            ]),
            qualification: map(&[("none", 1.0), ("certified", 1.3)]),
            max_points: 1000,
        }
    }
}

/// What is known about a listing when its value is suggested.
#[derive(Debug, Clone, Default)]
pub struct Facts<'a> {
    pub resource: Option<Resource>,
    pub category: Option<&'a str>,
    pub condition: Option<&'a str>,
    pub quantity: Option<i64>,
    pub original_price: Option<f64>,
    pub hours: Option<f64>,
    pub intensity: Option<&'a str>,
    pub slot: Option<&'a str>,
    pub qualification: Option<&'a str>,
}

impl ValuationConfig {
    /// Checks the rules once at start-up; the error is the key and what it expects.
    pub fn validate(&self) -> Result<(), (String, String)> {
        let err = |k: &str, e: &str| Err((k.to_string(), e.to_string()));
        let positive = |name: &str, m: &BTreeMap<String, f64>| match m
            .iter()
            .find(|(_, v)| !(v.is_finite() && **v >= 0.0))
        {
            Some((k, v)) => Err((
                format!("valuation.{name}.{k}"),
                format!("a number 0 or more, not {v}"),
            )),
            None => Ok(()),
        };
        positive("item_base", &self.item_base)?;
        positive("condition", &self.condition)?;
        positive("intensity", &self.intensity)?;
        positive("special_slot", &self.special_slot)?;
        positive("scarcity", &self.scarcity)?;
        positive("qualification", &self.qualification)?;
        if !self.item_base.contains_key("other") {
            return err(
                "valuation.item_base.other",
                "a base for items of no known category",
            );
        }
        if !(self.spread.is_finite() && self.spread >= 1.0) {
            return err("valuation.spread", "a factor of 1 or more");
        }
        if self
            .price_bands
            .windows(2)
            .any(|w| w[0].up_to >= w[1].up_to)
        {
            return err("valuation.price_bands", "bands in rising order of up_to");
        }
        if self.max_points <= 0 {
            return err("valuation.max_points", "a number above 0");
        }
        Ok(())
    }

    /// The suggested points for a listing: at least 1, at most `max_points`.
    pub fn suggest(&self, f: &Facts<'_>) -> i64 {
        let factor = |m: &BTreeMap<String, f64>, key: Option<&str>, default: &str| {
            key.and_then(|k| m.get(k))
                .or_else(|| m.get(default))
                .copied()
                .unwrap_or(1.0)
        };
        let raw = match f.resource.unwrap_or(Resource::Item) {
            Resource::Item => {
                let base = factor(&self.item_base, f.category, "other");
                let cond = factor(&self.condition, f.condition, "good");
                let price = f
                    .original_price
                    .and_then(|p| self.price_bands.iter().find(|b| p <= b.up_to))
                    .map_or(1.0, |b| b.factor);
                base * cond * price * f.quantity.unwrap_or(1).clamp(1, 100) as f64
            }
            Resource::Service => {
                let hours = f.hours.unwrap_or(self.default_hours);
                hours
                    * self.hour_rate
                    * factor(&self.intensity, f.intensity, "normal")
                    * f.slot
                        .and_then(|s| self.special_slot.get(s))
                        .copied()
                        .unwrap_or(1.0)
            }
            Resource::Skill => {
                let hours = f.hours.unwrap_or(self.default_hours);
                hours
                    * self.skill_rate
                    * f.category
                        .and_then(|c| self.scarcity.get(c))
                        .copied()
                        .unwrap_or(1.0)
                    * factor(&self.qualification, f.qualification, "none")
            }
        };
        (raw.round() as i64).clamp(1, self.max_points)
    }

    /// The points a resident may ask for, given the suggestion: 0 (free) or within the band.
    pub fn allowed_range(&self, suggested: i64) -> (i64, i64) {
        let lo = ((suggested as f64) / self.spread).floor().max(1.0) as i64;
        let hi = ((suggested as f64) * self.spread).ceil() as i64;
        (lo, hi.min(self.max_points))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v() -> ValuationConfig {
        ValuationConfig::default()
    }

    #[test]
    fn items_use_category_condition_price_and_quantity() {
        let f = Facts {
            resource: Some(Resource::Item),
            category: Some("kids"),
            condition: Some("like_new"),
            ..Default::default()
        };
        assert_eq!(v().suggest(&f), 16);
        let two = Facts {
            quantity: Some(2),
            ..f.clone()
        };
        assert_eq!(v().suggest(&two), 32);
        let cheap = Facts {
            original_price: Some(30.0),
            ..f
        };
        assert_eq!(v().suggest(&cheap), 8);
    }

    #[test]
    fn unknown_category_and_condition_fall_back() {
        let f = Facts {
            resource: Some(Resource::Item),
            category: Some("spaceships"),
            ..Default::default()
        };
        assert_eq!(v().suggest(&f), 6); // other 10 × good 0.6
    }

    #[test]
    fn time_and_skills_scale_with_hours() {
        let errand = Facts {
            resource: Some(Resource::Service),
            hours: Some(2.0),
            ..Default::default()
        };
        assert_eq!(v().suggest(&errand), 20);
        let night = Facts {
            slot: Some("night"),
            intensity: Some("heavy"),
            ..errand
        };
        assert_eq!(v().suggest(&night), 45);
        let repair = Facts {
            resource: Some(Resource::Skill),
            category: Some("repair"),
            hours: Some(1.5),
            qualification: Some("certified"),
            ..Default::default()
        };
        assert_eq!(v().suggest(&repair), 35); // 1.5 × 15 × 1.2 × 1.3 = 35.1
    }

    #[test]
    fn suggestions_stay_within_one_and_the_maximum() {
        let huge = Facts {
            resource: Some(Resource::Service),
            hours: Some(1e9),
            ..Default::default()
        };
        assert_eq!(v().suggest(&huge), 1000);
        let tiny = Facts {
            resource: Some(Resource::Item),
            category: Some("food"),
            condition: Some("poor"),
            ..Default::default()
        };
        assert_eq!(v().suggest(&tiny), 1);
    }

    #[test]
    fn the_band_is_around_the_suggestion() {
        assert_eq!(v().allowed_range(20), (4, 100));
        assert_eq!(v().allowed_range(1), (1, 5));
    }

    #[test]
    fn broken_rules_are_named() {
        let mut bad = v();
        bad.spread = 0.5;
        assert_eq!(bad.validate().unwrap_err().0, "valuation.spread");
        let mut bad = v();
        bad.condition.insert("good".into(), -1.0);
        assert_eq!(bad.validate().unwrap_err().0, "valuation.condition.good");
        assert!(v().validate().is_ok());
    }
}
