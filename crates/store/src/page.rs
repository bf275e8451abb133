//! Paging of lists: an offset window and the total count.

use serde::Serialize;

/// Which window of a list to return; `limit` is clamped to 1..=200.
#[derive(Debug, Clone, Copy)]
pub struct Page {
    pub offset: i64,
    pub limit: i64,
}

impl Page {
    pub fn new(number: i64, size: i64) -> Self {
        let limit = size.clamp(1, 200);
        Self {
            // Past a billion pages nothing is left; the number stays one a client reads exactly.
            offset: (number.clamp(1, 1_000_000_000) - 1) * limit,
            limit,
        }
    }

    pub fn number(&self) -> i64 {
        self.offset / self.limit + 1
    }
}

impl Default for Page {
    fn default() -> Self {
        Self::new(1, 25)
    }
}

/// One page of a list with the total number of matching rows.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Paged<T> {
    pub items: Vec<T>,
    pub total: i64,
    pub page: i64,
    pub page_size: i64,
}

impl<T> Paged<T> {
    pub fn new(items: Vec<T>, total: i64, page: Page) -> Self {
        Self {
            items,
            total,
            page: page.number(),
            page_size: page.limit,
        }
    }

    pub fn pages(&self) -> i64 {
        ((self.total + self.page_size - 1) / self.page_size).max(1)
    }

    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Paged<U> {
        Paged {
            items: self.items.into_iter().map(f).collect(),
            total: self.total,
            page: self.page,
            page_size: self.page_size,
        }
    }
}
