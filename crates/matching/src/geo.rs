//! Distances between four-digit postcode areas, from their centroids (great-circle distance).

use std::collections::HashMap;

/// PC4 centroids as (latitude, longitude) in degrees.
#[derive(Debug, Clone, Default)]
pub struct Centroids {
    points: HashMap<u16, (f64, f64)>,
}

impl Centroids {
    pub fn new(points: HashMap<u16, (f64, f64)>) -> Self {
        Self { points }
    }

    /// Reads the GeoNames postal-code export (tab-separated: country, PC4, ..., latitude, longitude
    /// in columns 10 and 11), averaging places that share a PC4.
    pub fn from_geonames(text: &str) -> Self {
        let mut sums: HashMap<u16, (f64, f64, u32)> = HashMap::new();
        for line in text.lines() {
            let cols: Vec<&str> = line.split('\t').collect();
            let (Some(pc4), Some(lat), Some(lon)) = (cols.get(1), cols.get(9), cols.get(10)) else {
                continue;
            };
            let (Ok(pc4), Ok(lat), Ok(lon)) =
                (pc4.parse::<u16>(), lat.parse::<f64>(), lon.parse::<f64>())
            else {
                continue;
            };
            let e = sums.entry(pc4).or_insert((0.0, 0.0, 0));
            e.0 += lat;
            e.1 += lon;
            e.2 += 1;
        }
        Self {
            points: sums
                .into_iter()
                .map(|(k, (a, b, n))| (k, (a / n as f64, b / n as f64)))
                .collect(),
        }
    }

    /// The known PC4 codes, sorted.
    pub fn codes(&self) -> Vec<u16> {
        let mut c: Vec<u16> = self.points.keys().copied().collect();
        c.sort();
        c
    }

    pub fn len(&self) -> usize {
        self.points.len()
    }

    pub fn is_empty(&self) -> bool {
        self.points.is_empty()
    }

    pub fn contains(&self, pc4: u16) -> bool {
        self.points.contains_key(&pc4)
    }

    /// The centroid of an area, (latitude, longitude) in degrees.
    pub(crate) fn point(&self, pc4: u16) -> Option<(f64, f64)> {
        self.points.get(&pc4).copied()
    }

    /// Kilometres between two areas, or `None` when either is unknown.
    pub fn distance_km(&self, a: u16, b: u16) -> Option<f64> {
        Some(between(self.point(a)?, self.point(b)?))
    }
}

/// Kilometres along the earth's surface between two points (haversine).
pub(crate) fn between((lat1, lon1): (f64, f64), (lat2, lon2): (f64, f64)) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let h = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

/// A degree of latitude is at least this many kilometres.
pub(crate) const KM_PER_DEGREE_LATITUDE: f64 = 110.5;

impl Centroids {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn haarlem_to_ijmuiden_is_about_ten_km() {
        let text = "NL\t2011\tHaarlem\tNoord-Holland\t07\tHaarlem\t0392\t\t\t52.3812\t4.6356\nNL\t1971\tIJmuiden\tNoord-Holland\t07\tVelsen\t0453\t\t\t52.4579\t4.6249\n";
        let c = Centroids::from_geonames(text);
        let d = c.distance_km(2011, 1971).unwrap_or_default();
        assert!((8.0..10.0).contains(&d), "{d}");
        assert_eq!(c.distance_km(2011, 9999), None);
    }
}
