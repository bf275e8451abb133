//! The records use cases return, re-exported from store under the paths of store's modules
//! (`koppel_app::store::employers::Employer`), without store's functions: the front-ends reach
//! the database only through app's use cases.

pub use koppel_store::{Page, Paged};

pub mod accounts {
    pub use koppel_store::accounts::TokenInfo;
}
pub mod aftercare {
    pub use koppel_store::aftercare::AftercareTask;
}
pub mod agreements {
    pub use koppel_store::agreements::Agreement;
}
pub mod candidates {
    pub use koppel_store::candidates::{Candidate, TargetGroup};
}
pub mod contact_requests {
    pub use koppel_store::contact_requests::ContactRequest;
}
pub mod employers {
    pub use koppel_store::employers::{ContactPerson, Employer, Establishment};
}
pub mod events {
    pub use koppel_store::events::Event;
}
pub mod import_jobs {
    pub use koppel_store::import_jobs::ImportJob;
}
pub mod instruments {
    pub use koppel_store::instruments::PlacementInstrument;
}
pub mod nominations {
    pub use koppel_store::nominations::Nomination;
}
pub mod placements {
    pub use koppel_store::placements::Placement;
}
pub mod targets {
    pub use koppel_store::targets::Target;
}
pub mod taxonomy {
    pub use koppel_store::taxonomy::Concept;
}
pub mod vacancies {
    pub use koppel_store::vacancies::Vacancy;
}
