//! Creating and changing articles.

use domain::article::ArticleForm;
use domain::stock::views::ArticleFieldsView;
use leptos::prelude::*;

use super::ApiError;
#[cfg(feature = "ssr")]
use {super::ssr, domain::Permission, services::stock};

#[server(endpoint = "article_fields")]
pub async fn article_fields(id: String) -> Result<ArticleFieldsView, ApiError> {
    let (_, scope) = ssr::scope(Permission::StockMove).await?;
    let id = ssr::record_id(&id)?;
    Ok(stock::article_fields(&scope, &id).await?)
}

/// Creates an article and opens its page.
#[server(endpoint = "create_article")]
pub async fn create_article(#[server(flatten)] form: ArticleForm) -> Result<String, ApiError> {
    let (state, scope) = ssr::scope(Permission::StockMove).await?;
    let outcome = match form.parse() {
        Ok(article) => stock::create_article(&scope, &article, state.clock.now_ms()).await,
        Err(errors) => Err(errors.into()),
    };
    let id = ssr::finish("article", outcome, "article-created", &form.values()).await?;
    leptos_axum::redirect(&format!("/stock/articles/{id}"));
    Ok(id)
}

/// Changes an article (not its code) and goes back to its page.
#[server(endpoint = "update_article")]
pub async fn update_article(
    id: String,
    active: Option<String>,
    #[server(flatten)] form: ArticleForm,
) -> Result<(), ApiError> {
    let (state, scope) = ssr::scope(Permission::StockMove).await?;
    let outcome = match (domain::input::parse_id(&id), form.parse()) {
        (Ok(id), Ok(article)) => {
            stock::update_article(&scope, &id, &article, active.is_some(), state.clock.now_ms()).await
        }
        (Err(_), _) => Err(services::AppError::NotFound),
        (_, Err(errors)) => Err(errors.into()),
    };
    ssr::finish("article", outcome, "article-updated", &form.values()).await?;
    leptos_axum::redirect(&format!("/stock/articles/{id}"));
    Ok(())
}
