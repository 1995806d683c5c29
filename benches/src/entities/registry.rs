//! The same four hooks in a runtime registry, the way hook systems in
//! Python, Ruby or JS keep them: a map from event name to a `Vec` of boxed
//! async callbacks, looked up and called in `ActiveModelBehavior`.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::LazyLock;

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "registry_rows")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

type BoxFuture<'a> = Pin<Box<dyn Future<Output = Result<(), DbErr>> + Send + 'a>>;
type ChangeHook = Box<dyn for<'a> Fn(&'a mut ActiveModel) -> BoxFuture<'a> + Send + Sync>;
type RowHook = Box<dyn for<'a> Fn(&'a Model) -> BoxFuture<'a> + Send + Sync>;

/// The registered callbacks, by event name.
#[derive(Default)]
pub struct Registry {
    change: HashMap<&'static str, Vec<ChangeHook>>,
    row: HashMap<&'static str, Vec<RowHook>>,
}

impl Registry {
    pub fn on_change(&mut self, event: &'static str, hook: ChangeHook) {
        self.change.entry(event).or_default().push(hook);
    }

    pub fn on_row(&mut self, event: &'static str, hook: RowHook) {
        self.row.entry(event).or_default().push(hook);
    }

    async fn run_change(&self, event: &str, am: &mut ActiveModel) -> Result<(), DbErr> {
        for hook in self.change.get(event).into_iter().flatten() {
            hook(am).await?;
        }
        Ok(())
    }

    async fn run_row(&self, event: &str, model: &Model) -> Result<(), DbErr> {
        for hook in self.row.get(event).into_iter().flatten() {
            hook(model).await?;
        }
        Ok(())
    }
}

/// Registered once, at first use.
pub static REGISTRY: LazyLock<Registry> = LazyLock::new(|| {
    let mut registry = Registry::default();
    registry.on_change(
        "before_save",
        Box::new(|am| {
            Box::pin(async move {
                if let sea_orm::Set(name) = &mut am.name {
                    super::normalise(name);
                }
                Ok(())
            })
        }),
    );
    registry.on_change(
        "before_create",
        Box::new(|am| {
            Box::pin(async move {
                if let sea_orm::Set(name) = &am.name {
                    super::validate(name)?;
                }
                Ok(())
            })
        }),
    );
    registry.on_row(
        "after_create",
        Box::new(|_| {
            Box::pin(async move {
                super::bump();
                Ok(())
            })
        }),
    );
    registry.on_row("after_save", Box::new(|_| Box::pin(async move { Ok(()) })));
    registry
});

#[async_trait::async_trait]
impl ActiveModelBehavior for ActiveModel {
    async fn before_save<C>(mut self, _db: &C, insert: bool) -> Result<Self, DbErr>
    where
        C: ConnectionTrait,
    {
        REGISTRY.run_change("before_save", &mut self).await?;
        let event = if insert {
            "before_create"
        } else {
            "before_update"
        };
        REGISTRY.run_change(event, &mut self).await?;
        Ok(self)
    }

    async fn after_save<C>(model: Model, _db: &C, insert: bool) -> Result<Model, DbErr>
    where
        C: ConnectionTrait,
    {
        let event = if insert {
            "after_create"
        } else {
            "after_update"
        };
        REGISTRY.run_row(event, &model).await?;
        REGISTRY.run_row("after_save", &model).await?;
        Ok(model)
    }
}
