//! Articles: created and changed by managers. The code never changes once created (documents
//! and imports refer to it); an article no longer stocked is made inactive, never deleted.

use domain::Permission;
use domain::article::NewArticle;
use uuid::Uuid;

use super::repo;
use crate::db::is_unique_violation;
use crate::tenancy::TenantScope;
use crate::{AppError, AppResult};

pub async fn create_article(scope: &TenantScope, article: &NewArticle, now_ms: i64) -> AppResult<String> {
    scope.require(Permission::StockMove)?;
    let id = Uuid::new_v4().to_string();
    repo::insert_article(scope.db.pool(), &id, article, now_ms).await.map_err(code_taken)?;
    Ok(id)
}

/// Changes every field but the code (which `article` must repeat), and the active flag.
pub async fn update_article(
    scope: &TenantScope,
    id: &str,
    article: &NewArticle,
    active: bool,
    now_ms: i64,
) -> AppResult<()> {
    scope.require(Permission::StockMove)?;
    let current = repo::article(scope.db.pool(), id).await?.ok_or(AppError::NotFound)?;
    if current.code != article.code {
        return Err(AppError::field("code", "article-code-fixed"));
    }
    repo::update_article(scope.db.pool(), id, article, active, now_ms).await?;
    Ok(())
}

fn code_taken(e: sqlx::Error) -> AppError {
    if is_unique_violation(&e) { AppError::field("code", "article-code-taken") } else { e.into() }
}
