//! Creating and changing articles.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::ApiError;

/// An article's fields as stored, for the edit form.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleFieldsView {
    pub id: String,
    pub code: String,
    pub designation: String,
    pub category: Option<String>,
    pub family: Option<String>,
    pub unit: String,
    pub purchase_price_minor: Option<i64>,
    pub sale_price_minor: Option<i64>,
    pub vat_rate_bp: i64,
    pub min_milli: i64,
    pub max_milli: Option<i64>,
    pub active: bool,
}

#[server(endpoint = "article_fields")]
pub async fn article_fields(id: String) -> Result<ArticleFieldsView, ApiError> {
    let (_, scope) = super::ssr::scope(domain::Permission::StockMove).await?;
    let a = services::stock::article(&scope, &id).await.map_err(super::ssr::fail)?.article;
    Ok(ArticleFieldsView {
        id: a.id,
        code: a.code,
        designation: a.designation,
        category: a.category,
        family: a.family,
        unit: a.unit,
        purchase_price_minor: a.purchase_price_minor,
        sale_price_minor: a.sale_price_minor,
        vat_rate_bp: a.vat_rate_bp,
        min_milli: a.min_stock_milli,
        max_milli: a.max_stock_milli,
        active: a.active == 1,
    })
}

/// The article form as posted: every field as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleForm {
    pub code: String,
    pub designation: String,
    #[serde(default)]
    pub category: String,
    #[serde(default)]
    pub family: String,
    #[serde(default)]
    pub unit: String,
    #[serde(default)]
    pub purchase_price: String,
    #[serde(default)]
    pub sale_price: String,
    #[serde(default)]
    pub vat_rate: String,
    #[serde(default)]
    pub min_stock: String,
    #[serde(default)]
    pub max_stock: String,
}

impl ArticleForm {
    pub fn input(&self) -> domain::article::ArticleInput<'_> {
        domain::article::ArticleInput {
            code: &self.code,
            designation: &self.designation,
            category: &self.category,
            family: &self.family,
            unit: &self.unit,
            purchase_price: &self.purchase_price,
            sale_price: &self.sale_price,
            vat_rate: &self.vat_rate,
            min_stock: &self.min_stock,
            max_stock: &self.max_stock,
        }
    }

    /// The values to put back in a refused form.
    pub fn values(&self) -> [(&'static str, &str); 10] {
        [
            ("code", &self.code),
            ("designation", &self.designation),
            ("category", &self.category),
            ("family", &self.family),
            ("unit", &self.unit),
            ("purchase_price", &self.purchase_price),
            ("sale_price", &self.sale_price),
            ("vat_rate", &self.vat_rate),
            ("min_stock", &self.min_stock),
            ("max_stock", &self.max_stock),
        ]
    }
}

/// Creates an article and opens its page.
#[server(endpoint = "create_article")]
pub async fn create_article(#[server(flatten)] form: ArticleForm) -> Result<String, ApiError> {
    let (state, scope) = super::ssr::scope(domain::Permission::StockMove).await?;
    let outcome = match domain::article::NewArticle::parse(&form.input()) {
        Ok(article) => services::stock::create_article(&scope, &article, state.clock.now_ms()).await,
        Err(errors) => Err(errors.into()),
    };
    let id = super::ssr::finish("article", outcome, "article-created", &form.values()).await?;
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
    let (state, scope) = super::ssr::scope(domain::Permission::StockMove).await?;
    let outcome = match domain::article::NewArticle::parse(&form.input()) {
        Ok(article) => {
            services::stock::update_article(&scope, &id, &article, active.is_some(), state.clock.now_ms()).await
        }
        Err(errors) => Err(errors.into()),
    };
    super::ssr::finish("article", outcome, "article-updated", &form.values()).await?;
    leptos_axum::redirect(&format!("/stock/articles/{id}"));
    Ok(())
}
