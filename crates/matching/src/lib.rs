//! koppel's matching engine: candidates ranked for a vacancy (and vacancies for a candidate) on
//! weighted skill coverage with partial credit through the skill hierarchy, after hard filters,
//! with an explanation per result. No IO: the caller builds the index from the store.
mod build;
mod filters;
mod fit;
mod geo;
mod index;
mod profiles;
mod score;
mod search;
pub mod synthetic;
mod taxonomy;

pub use filters::Requirements;
pub use geo::Centroids;
pub use index::{CandidateProfile, Index};
pub use score::{
    Explanation, Match, SearchResult, Weighing, Weights, OTHER_OCCUPATION, SAME_OCCUPATION,
    SAME_OCCUPATION_GROUP,
};
pub use taxonomy::Taxonomy;
