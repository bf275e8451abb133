//! Proof that a row was read within the actor's candidate scope. Writes to rows about a candidate
//! take one, so no write can skip the scope: only the store's scoped reads make it.

/// The id of a row that a scoped read found (or that the system itself works on).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Visible(i64);

impl Visible {
    /// Made by a scoped read in the store.
    pub(crate) fn new(id: i64) -> Self {
        Visible(id)
    }

    /// For the system acting on its own data (the demo generator), never for a user's request.
    pub fn for_system(id: i64) -> Self {
        Visible(id)
    }

    pub fn id(self) -> i64 {
        self.0
    }
}
