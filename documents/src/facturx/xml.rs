//! A small XML writer: elements opened and closed in order, text escaped, two-space indents.
//! Enough for one fixed schema, and the same bytes for the same calls.

const NAMESPACES: [(&str, &str); 4] = [
    ("rsm", "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"),
    ("qdt", "urn:un:unece:uncefact:data:standard:QualifiedDataType:100"),
    ("ram", "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100"),
    ("udt", "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100"),
];

pub struct Xml {
    out: String,
    open: Vec<&'static str>,
}

impl Xml {
    pub fn new() -> Self {
        Self { out: String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"), open: Vec::new() }
    }

    /// The root element with its namespaces.
    pub fn open_root(&mut self) {
        self.out.push_str("<rsm:CrossIndustryInvoice");
        for (prefix, uri) in NAMESPACES {
            self.out.push_str(&format!(" xmlns:{prefix}=\"{uri}\""));
        }
        self.out.push_str(">\n");
        self.open.push("rsm:CrossIndustryInvoice");
    }

    pub fn open(&mut self, tag: &'static str) {
        self.indent();
        self.out.push_str(&format!("<{tag}>\n"));
        self.open.push(tag);
    }

    pub fn close(&mut self) {
        let tag = self.open.pop().expect("an element is open");
        self.indent();
        self.out.push_str(&format!("</{tag}>\n"));
    }

    pub fn empty(&mut self, tag: &str) {
        self.indent();
        self.out.push_str(&format!("<{tag}/>\n"));
    }

    pub fn leaf(&mut self, tag: &str, text: &str) {
        self.indent();
        self.out.push_str(&format!("<{tag}>{}</{tag}>\n", escape(text)));
    }

    pub fn leaf_attr(&mut self, tag: &str, (name, value): (&str, &str), text: &str) {
        self.indent();
        self.out.push_str(&format!("<{tag} {name}=\"{}\">{}</{tag}>\n", escape(value), escape(text)));
    }

    pub fn finish(self) -> String {
        assert!(self.open.is_empty(), "every element is closed: {:?}", self.open);
        self.out
    }

    fn indent(&mut self) {
        for _ in 0..self.open.len() {
            self.out.push_str("  ");
        }
    }
}

/// Text and attribute values escaped; characters XML 1.0 cannot carry (controls other than
/// tab and line breaks) are dropped rather than written.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_elements_nest() {
        let mut x = Xml::new();
        x.open_root();
        x.leaf("ram:Name", "Dupont & Fils <SARL> \"l'atelier\"\u{7}");
        x.close();
        let out = x.finish();
        assert!(
            out.contains("<ram:Name>Dupont &amp; Fils &lt;SARL&gt; &quot;l&apos;atelier&quot;</ram:Name>"),
            "{out}"
        );
        assert!(out.ends_with("</rsm:CrossIndustryInvoice>\n"));
    }
}
