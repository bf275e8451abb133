//! The authenticated actor and the request's metadata. An `Actor` can only be made by `auth`,
//! from a session or an API token; scopes are derived from it, never from request input.

use koppel_domain::codes::Role;
use koppel_domain::permissions::{CandidateScope, Permission};

use crate::AppError;

/// Who is acting: an authenticated user with a role in one organisation.
#[derive(Debug, Clone)]
pub struct Actor {
    user_id: i64,
    org_id: i64,
    org_in_wsp: bool,
    role: Role,
    name: String,
    email: String,
    org_name: String,
    via_token: bool,
    /// Acting through a read-only API token: no permission that changes data.
    read_only: bool,
}

impl Actor {
    /// The actor of an active user with a known role; `via_token` when acting through an API token.
    pub(crate) fn new(u: koppel_store::users::User, role: Role, via_token: bool) -> Self {
        Self {
            user_id: u.id,
            org_id: u.org_id,
            org_in_wsp: u.org_in_wsp,
            role,
            name: u.name,
            email: u.email,
            org_name: u.org_name,
            via_token,
            read_only: false,
        }
    }

    /// The same actor, limited to reading (for a read-only API token).
    pub(crate) fn reading_only(mut self) -> Self {
        self.read_only = true;
        self
    }

    /// Whether the actor may only read.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    pub fn user_id(&self) -> i64 {
        self.user_id
    }
    pub fn org_id(&self) -> i64 {
        self.org_id
    }
    pub fn role(&self) -> Role {
        self.role
    }
    pub fn name(&self) -> &str {
        &self.name
    }
    pub fn email(&self) -> &str {
        &self.email
    }
    pub fn org_name(&self) -> &str {
        &self.org_name
    }

    /// How the actor appears in the audit log.
    pub fn audit_name(&self) -> String {
        if self.via_token {
            format!("token:user:{}", self.user_id)
        } else {
            format!("user:{}", self.user_id)
        }
    }

    pub fn can(&self, p: Permission) -> bool {
        self.role.can(p) && !(self.read_only && p.is_write())
    }

    /// Fails with `Forbidden` unless the role holds the permission.
    pub fn require(&self, p: Permission) -> Result<(), AppError> {
        if self.can(p) {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// The candidates this actor may see.
    pub fn candidate_scope(&self) -> CandidateScope {
        CandidateScope::for_user(self.role, self.org_id, self.org_in_wsp)
    }
}

/// Facts about the request, for the logs: the client address and the trace id.
#[derive(Debug, Clone)]
pub struct Meta {
    pub origin: String,
    pub trace_id: String,
}

impl Meta {
    /// Metadata for a command run on this machine (the CLI).
    pub fn local(what: &str) -> Self {
        Self {
            origin: format!("cli:{what}"),
            trace_id: crate::auth::random_hex(16),
        }
    }
}
