//! The phases of a migration run: their attribute names and the parameter
//! each one passes first.

/// A phase, in the order a run reaches them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Phase {
    BeforeRun,
    BeforeDown,
    BeforeMigration,
    AfterMigration,
    OnMigrationError,
    AfterDown,
    AfterRun,
}

impl Phase {
    pub(crate) const ALL: [Phase; 7] = [
        Phase::BeforeRun,
        Phase::BeforeDown,
        Phase::BeforeMigration,
        Phase::AfterMigration,
        Phase::OnMigrationError,
        Phase::AfterDown,
        Phase::AfterRun,
    ];

    pub(crate) fn name(self) -> &'static str {
        match self {
            Phase::BeforeRun => "before_run",
            Phase::BeforeDown => "before_down",
            Phase::BeforeMigration => "before_migration",
            Phase::AfterMigration => "after_migration",
            Phase::OnMigrationError => "on_migration_error",
            Phase::AfterDown => "after_down",
            Phase::AfterRun => "after_run",
        }
    }

    pub(crate) fn from_name(name: &str) -> Option<Phase> {
        Phase::ALL.into_iter().find(|p| p.name() == name)
    }

    /// The runtime's `MigrationPhase` variant.
    pub(crate) fn variant(self) -> &'static str {
        match self {
            Phase::BeforeRun => "BeforeRun",
            Phase::BeforeDown => "BeforeDown",
            Phase::BeforeMigration => "BeforeMigration",
            Phase::AfterMigration => "AfterMigration",
            Phase::OnMigrationError => "OnMigrationError",
            Phase::AfterDown => "AfterDown",
            Phase::AfterRun => "AfterRun",
        }
    }

    /// The type of the first parameter, as the user writes it.
    pub(crate) fn info(self) -> &'static str {
        match self {
            Phase::BeforeRun | Phase::BeforeDown => "MigrationPlan",
            Phase::BeforeMigration | Phase::AfterMigration => "MigrationStep",
            Phase::OnMigrationError => "MigrationFailure",
            Phase::AfterDown | Phase::AfterRun => "RunSummary",
        }
    }

    /// The runtime trait that checks the first parameter's type.
    pub(crate) fn info_check(self) -> &'static str {
        match self {
            Phase::BeforeRun | Phase::BeforeDown => "PlanParam",
            Phase::BeforeMigration | Phase::AfterMigration => "StepParam",
            Phase::OnMigrationError => "FailureParam",
            Phase::AfterDown | Phase::AfterRun => "SummaryParam",
        }
    }

    fn info_meaning(self) -> &'static str {
        match self {
            Phase::BeforeRun | Phase::BeforeDown => "what the run will do",
            Phase::BeforeMigration => "the migration about to run",
            Phase::AfterMigration => "the migration that ran, with its time",
            Phase::OnMigrationError => "the failing migration and its error",
            Phase::AfterDown | Phase::AfterRun => "what the run did, with timings",
        }
    }

    /// "`before_migration` hooks take `&MigrationStep` (...) and `&mut MigrationContext<'_, S>`, in this order, each optional".
    pub(crate) fn expects(self) -> String {
        format!(
            "`{}` hooks take `&{}` ({}) and `&mut MigrationContext<'_, S>` (the database and the \
             run's state), in this order, each optional",
            self.name(),
            self.info(),
            self.info_meaning()
        )
    }
}
