//! The variables each template context offers, with the longest value we
//! plausibly expect (for the worst-case segment estimate of
//! `validate_template`).

use serde::Deserialize;
use serde_json::{json, Value};

use crate::text_eq::text_eq;
use crate::CoreError;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VariablesInput {
    context: String,
}

/// `variables {context}` → `{context, variables:[name…]}`: the names a
/// template of that context may use, so the admin's variable picker offers
/// exactly what `validate_template` accepts.
#[inline(never)] // see `dispatch` in lib.rs
pub(crate) fn op(input: Value) -> Result<Value, CoreError> {
    let input: VariablesInput = serde_json::from_value(input).map_err(CoreError::from)?;
    let context = Context::parse(&input.context)?;
    let names: Vec<&str> = context.variables().iter().map(|v| v.name).collect();
    Ok(json!({ "context": input.context, "variables": names }))
}

/// Where a template is used; it decides which variables exist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Order,
    Product,
    Customer,
}

impl Context {
    pub fn parse(name: &str) -> Result<Context, CoreError> {
        match name {
            name if text_eq(name, "order") => Ok(Context::Order),
            name if text_eq(name, "product") => Ok(Context::Product),
            name if text_eq(name, "customer") => Ok(Context::Customer),
            other => Err(CoreError::bad_request(format!(
                "unknown template context '{other}' (expected order, product or customer)"
            ))),
        }
    }

    pub fn variables(self) -> &'static [Variable] {
        match self {
            Context::Order => ORDER,
            Context::Product => PRODUCT,
            Context::Customer => CUSTOMER,
        }
    }
}

/// A template variable.
#[derive(Debug, PartialEq, Eq)]
pub struct Variable {
    pub name: &'static str,
    /// The longest value we expect, in characters.
    pub max_chars: usize,
    /// Whether the value is shop- or customer-written text that may be in any
    /// script (a Greek name, a translated status); otherwise it is digits,
    /// Latin, URLs or amounts, which are GSM-7.
    pub free_text: bool,
}

const fn var(name: &'static str, max_chars: usize, free_text: bool) -> Variable {
    Variable {
        name,
        max_chars,
        free_text,
    }
}

const FIRST_NAME: Variable = var("first_name", 30, true);
const LAST_NAME: Variable = var("last_name", 40, true);
const SHOP_NAME: Variable = var("shop_name", 50, true);
const SHOP_URL: Variable = var("shop_url", 60, false);

const ORDER: &[Variable] = &[
    var("order_number", 12, false),
    var("order_id", 10, false),
    var("order_status", 30, true),
    // Room for a currency symbol from the GSM-7 extension table (€ costs 2).
    var("order_total", 24, false),
    // WordPress formats dates in the site language ("29 Νοεμβρίου 2026").
    var("order_date", 30, true),
    FIRST_NAME,
    LAST_NAME,
    var("billing_phone", 20, false),
    var("shipping_method", 50, true),
    var("payment_method", 50, true),
    var("order_url", 120, false),
    var("tracking_number", 40, false),
    var("items_count", 4, false),
    SHOP_NAME,
    SHOP_URL,
];

const PRODUCT: &[Variable] = &[
    var("product_name", 100, true),
    var("product_url", 120, false),
    var("product_price", 24, false),
    // Beyond the issue's list: the plugin's product templates offer the SKU.
    var("product_sku", 40, false),
    SHOP_NAME,
    SHOP_URL,
];

const CUSTOMER: &[Variable] = &[FIRST_NAME, LAST_NAME, SHOP_NAME, SHOP_URL];

/// The variable `name` in `context`; with no context (a manual or test
/// message sent from nowhere in particular) every context's variables count.
pub fn lookup(context: Option<Context>, name: &str) -> Option<&'static Variable> {
    let contexts: &[Context] = match context {
        Some(Context::Order) => &[Context::Order],
        Some(Context::Product) => &[Context::Product],
        Some(Context::Customer) => &[Context::Customer],
        None => &[Context::Order, Context::Product, Context::Customer],
    };
    contexts
        .iter()
        .flat_map(|context| context.variables().iter())
        .find(|variable| text_eq(variable.name, name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contexts_list_the_issue_variables() {
        let names = |c: Context| {
            c.variables()
                .iter()
                .map(|v| v.name)
                .collect::<Vec<_>>()
                .join(",")
        };
        assert_eq!(
            names(Context::Order),
            "order_number,order_id,order_status,order_total,order_date,first_name,last_name,\
             billing_phone,shipping_method,payment_method,order_url,tracking_number,items_count,\
             shop_name,shop_url"
        );
        assert_eq!(
            names(Context::Product),
            "product_name,product_url,product_price,product_sku,shop_name,shop_url"
        );
        assert_eq!(
            names(Context::Customer),
            "first_name,last_name,shop_name,shop_url"
        );
    }

    #[test]
    fn lookup_respects_the_context() {
        assert!(lookup(Some(Context::Order), "order_total").is_some());
        assert!(lookup(Some(Context::Customer), "order_total").is_none());
        assert!(lookup(None, "product_name").is_some());
        assert!(lookup(None, "nope").is_none());
        assert_eq!(
            Context::parse("bogus").map_err(|e| e.code()),
            Err("bad_request")
        );
    }
}

#[cfg(test)]
mod op_tests {
    use super::*;

    #[test]
    fn every_listed_variable_validates_in_its_context() {
        for context in ["order", "product", "customer"] {
            let reply = op(json!({ "context": context })).expect("known context");
            for name in reply["variables"].as_array().expect("a list") {
                let template = format!("{{{}}}", name.as_str().expect("a name"));
                let check = crate::call_value(
                    "validate_template",
                    json!({ "template": template, "context": context }),
                );
                assert_eq!(check["ok"], true, "{template} in {context}: {check}");
            }
        }
    }
}
