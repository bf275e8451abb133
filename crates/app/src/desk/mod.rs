//! The Werkcentrum's desk: locations with walk-in hours, the conversations a gids records, the
//! residents registered with their consent, and warm referrals to partner organisations.
pub mod conversations;
pub mod locations;
pub mod referrals;
pub mod requests;
pub mod trajectories;
