//! Who may do what: permissions per role, and which candidates a user may see.

use crate::codes::Role;

/// Something a user may be allowed to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// See employers and vacancies (the shared, mostly non-personal data).
    ReadEmployers,
    /// See employer contact persons (personal data of the employer's staff).
    ReadContactPersons,
    WriteEmployers,
    WriteVacancies,
    /// See candidates in scope (personal data).
    ReadCandidates,
    WriteCandidates,
    /// Propose candidates and record placements.
    WriteNominations,
    ManageUsers,
    ReadAggregates,
    /// Set the targets per year and target group.
    ManageTargets,
    /// Figures inside the organisation: small numbers shown, figures per adviser (everyone but partners).
    ReadInternalFigures,
    /// Record conversations at the Werkcentrum's desk and register residents (with consent).
    RecordConversations,
    /// Receive referrals of residents for the organisation, accept them or send them back.
    HandleReferrals,
}

impl Permission {
    /// Whether the permission changes data (a read-only API token never holds it).
    pub fn is_write(self) -> bool {
        use Permission::*;
        matches!(
            self,
            WriteEmployers
                | WriteVacancies
                | WriteCandidates
                | WriteNominations
                | ManageUsers
                | ManageTargets
                | RecordConversations
                | HandleReferrals
        )
    }
}

impl Role {
    /// Whether this role holds `permission`.
    pub fn can(self, permission: Permission) -> bool {
        use Permission::*;
        use Role::*;
        match permission {
            ReadEmployers | ReadAggregates => true,
            ReadContactPersons => self != Partner,
            WriteEmployers | WriteVacancies => {
                matches!(self, Adviser | Jobhunter | UkraineDesk | Manager)
            }
            ReadCandidates => matches!(
                self,
                Adviser | Consultant | Jobhunter | UkraineDesk | Manager
            ),
            WriteCandidates => matches!(self, Consultant | Jobhunter | UkraineDesk),
            WriteNominations => matches!(self, Adviser | Jobhunter | UkraineDesk),
            ManageUsers => self == Admin,
            ManageTargets => matches!(self, Manager | Admin),
            ReadInternalFigures => self != Partner,
            RecordConversations => self == Gids,
            HandleReferrals => {
                matches!(self, Gids | Consultant | Adviser | Jobhunter | UkraineDesk)
            }
        }
    }

    /// Roles that work for the WSP itself and may see candidates handed over with consent.
    pub fn is_wsp_staff(self) -> bool {
        matches!(self, Role::Adviser | Role::Jobhunter | Role::UkraineDesk)
    }
}

/// Which candidates a user may see; derived from the actor, never from request input. Only
/// `for_user` makes one (and `for_tests`, named so that production code does not reach for it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CandidateScope(ScopeKind);

/// What a `CandidateScope` allows, to read (for example into a WHERE clause).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeKind {
    /// No candidates at all (partner and administrator roles).
    Nothing,
    /// Candidates of this organisation only.
    Own { org_id: i64 },
    /// Candidates of this organisation, plus candidates of any organisation with consent to share with the WSP.
    OwnAndShared { org_id: i64 },
}

impl CandidateScope {
    /// The scope of a user with `role` in organisation `org_id`; `org_in_wsp` says whether it staffs the WSP.
    pub fn for_user(role: Role, org_id: i64, org_in_wsp: bool) -> Self {
        CandidateScope(if !role.can(Permission::ReadCandidates) {
            ScopeKind::Nothing
        } else if role.is_wsp_staff() && org_in_wsp {
            ScopeKind::OwnAndShared { org_id }
        } else {
            ScopeKind::Own { org_id }
        })
    }

    /// A scope for tests and benchmarks of the matching engine, which have no users.
    pub fn for_tests(kind: ScopeKind) -> Self {
        CandidateScope(kind)
    }

    /// The same scope without the candidates shared by other organisations (a narrowing only).
    pub fn own_only(self) -> Self {
        match self.0 {
            ScopeKind::OwnAndShared { org_id } => CandidateScope(ScopeKind::Own { org_id }),
            other => CandidateScope(other),
        }
    }

    /// What the scope allows.
    pub fn kind(self) -> ScopeKind {
        self.0
    }

    /// Whether a candidate owned by `owner_org` with the given consent is visible in this scope.
    pub fn allows(self, owner_org: i64, consent_wsp: bool) -> bool {
        match self.0 {
            ScopeKind::Nothing => false,
            ScopeKind::Own { org_id } => owner_org == org_id,
            ScopeKind::OwnAndShared { org_id } => owner_org == org_id || consent_wsp,
        }
    }

    /// The candidates this scope may rewrite: only those of its own organisation. Consent lets the
    /// WSP read and propose a candidate, never change their personal data or their consent.
    pub fn owner(self) -> Option<OwnerScope> {
        match self.0 {
            ScopeKind::Nothing => None,
            ScopeKind::Own { org_id } | ScopeKind::OwnAndShared { org_id } => {
                Some(OwnerScope { org_id })
            }
        }
    }
}

/// The right to rewrite candidates of one organisation. Only `CandidateScope::owner` makes one, so a
/// write can never be scoped by consent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OwnerScope {
    org_id: i64,
}

impl OwnerScope {
    /// The organisation whose candidates may be rewritten.
    pub fn org_id(self) -> i64 {
        self.org_id
    }

    /// As a read scope: the candidates of the organisation, none shared through consent.
    pub fn as_read_scope(self) -> CandidateScope {
        CandidateScope(ScopeKind::Own {
            org_id: self.org_id,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partners_never_see_personal_data() {
        assert!(!Role::Partner.can(Permission::ReadCandidates));
        assert!(!Role::Partner.can(Permission::ReadContactPersons));
        assert_eq!(
            CandidateScope::for_user(Role::Partner, 1, true),
            CandidateScope::for_tests(ScopeKind::Nothing)
        );
    }

    #[test]
    fn consent_opens_candidates_to_wsp_staff_only() {
        let adviser = CandidateScope::for_user(Role::Adviser, 1, true);
        let consultant = CandidateScope::for_user(Role::Consultant, 1, true);
        let outsider = CandidateScope::for_user(Role::Adviser, 1, false);
        assert!(adviser.allows(2, true) && !adviser.allows(2, false) && adviser.allows(1, false));
        assert!(!consultant.allows(2, true) && consultant.allows(1, false));
        assert!(!outsider.allows(2, true));
    }

    #[test]
    fn consent_never_grants_rewriting() {
        let jobhunter = CandidateScope::for_user(Role::Jobhunter, 1, true);
        let owner = jobhunter.owner().map(OwnerScope::as_read_scope);
        assert_eq!(
            owner.map(CandidateScope::kind),
            Some(ScopeKind::Own { org_id: 1 })
        );
        assert!(owner.is_some_and(|o| !o.allows(2, true) && o.allows(1, false)));
        assert_eq!(
            CandidateScope::for_user(Role::Partner, 1, true).owner(),
            None
        );
    }
}
