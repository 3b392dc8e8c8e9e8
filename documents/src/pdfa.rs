//! What makes a document PDF/A-3b (ISO 19005-3, level B), and for a French invoice Factur-X:
//! XMP metadata that says so and agrees with the document information, an sRGB output intent,
//! and the structured invoice attached as `factur-x.xml` (`/AFRelationship /Data`, listed in
//! the catalog's `/AF` and `/Names`). printpdf writes none of it; this completes its document.
//! Every value comes from the document, so the bytes stay the same for the same invoice.

use lopdf::{Document, Object, Stream, StringFormat, dictionary};

use crate::facturx::FILE_NAME;

const SRGB_ICC: &[u8] = include_bytes!("../../public/icc/sRGB.icc");
const TOOL: &str = "Atelier";

/// What the file says about itself, and what it carries.
pub struct Archival<'a> {
    pub title: &'a str,
    pub author: &'a str,
    /// The document's date, `YYYY-MM-DDThh:mm:ss` in UTC.
    pub dated: &'a str,
    /// `fr`, `en`: the language of the text.
    pub lang: &'a str,
    /// The Factur-X XML, for a French invoice.
    pub facturx: Option<&'a str>,
}

pub fn conform(doc: &mut Document, what: &Archival) {
    doc.version = "1.7".to_owned();
    let info = doc.add_object(dictionary! {
        "Title" => text(what.title),
        "Author" => text(what.author),
        "Creator" => text(TOOL),
        "Producer" => text(TOOL),
        "CreationDate" => pdf_date(what.dated),
        "ModDate" => pdf_date(what.dated),
    });
    if let Ok(Object::Reference(old)) = doc.trailer.get(b"Info") {
        let old = *old;
        doc.objects.remove(&old);
    }
    doc.trailer.set("Info", info);

    let xmp = Stream::new(dictionary! { "Type" => "Metadata", "Subtype" => "XML" }, xmp(what).into_bytes())
        .with_compression(false);
    let metadata = doc.add_object(xmp);
    let mut profile = Stream::new(dictionary! { "N" => 3 }, SRGB_ICC.to_vec());
    let _ = profile.compress();
    let profile = doc.add_object(profile);
    let intent = doc.add_object(dictionary! {
        "Type" => "OutputIntent",
        "S" => "GTS_PDFA1",
        "OutputConditionIdentifier" => text("sRGB IEC61966-2.1"),
        "Info" => text("sRGB IEC61966-2.1"),
        "DestOutputProfile" => profile,
    });
    let attachment = what.facturx.map(|xml| attach(doc, xml, what.dated));

    let catalog = doc.catalog_mut().expect("printpdf writes a catalog");
    catalog.set("Metadata", metadata);
    catalog.set("OutputIntents", vec![Object::Reference(intent)]);
    catalog.set("Lang", text(what.lang));
    if let Some(spec) = attachment {
        catalog.set("AF", vec![Object::Reference(spec)]);
        let names = dictionary! { "Names" => vec![text(FILE_NAME), Object::Reference(spec)] };
        catalog.set("Names", dictionary! { "EmbeddedFiles" => names });
    }
}

/// The XML as an embedded file and its file specification; returns the specification.
fn attach(doc: &mut Document, xml: &str, dated: &str) -> lopdf::ObjectId {
    let params = dictionary! { "ModDate" => pdf_date(dated), "Size" => xml.len() as i64 };
    let mut file = Stream::new(
        dictionary! { "Type" => "EmbeddedFile", "Subtype" => "text/xml", "Params" => params },
        xml.as_bytes().to_vec(),
    );
    let _ = file.compress();
    let file = doc.add_object(file);
    doc.add_object(dictionary! {
        "Type" => "Filespec",
        "F" => text(FILE_NAME),
        "UF" => text(FILE_NAME),
        "Desc" => text("Factur-X"),
        "AFRelationship" => "Data",
        "EF" => dictionary! { "F" => file, "UF" => file },
    })
}

/// A text string: PDFDocEncoding for ASCII, else UTF-16BE with its byte-order mark.
fn text(value: &str) -> Object {
    if value.is_ascii() {
        return Object::String(value.as_bytes().to_vec(), StringFormat::Literal);
    }
    let mut bytes = vec![0xFE, 0xFF];
    bytes.extend(value.encode_utf16().flat_map(u16::to_be_bytes));
    Object::String(bytes, StringFormat::Hexadecimal)
}

/// `D:20260310120000+00'00'` from `2026-03-10T12:00:00`.
fn pdf_date(dated: &str) -> Object {
    let digits: String = dated.chars().filter(char::is_ascii_digit).collect();
    Object::String(format!("D:{digits}+00'00'").into_bytes(), StringFormat::Literal)
}

/// The XMP packet: PDF/A-3 level B, the same title, author, tool and dates as the document
/// information, and for Factur-X its properties with the extension schema that declares them.
fn xmp(what: &Archival) -> String {
    let date = format!("{}+00:00", what.dated);
    let facturx = if what.facturx.is_some() { FACTURX_XMP } else { "" };
    format!(
        r#"<?xpacket begin="{bom}" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
   <pdfaid:part>3</pdfaid:part>
   <pdfaid:conformance>B</pdfaid:conformance>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
   <xmp:CreatorTool>{tool}</xmp:CreatorTool>
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
   <xmp:MetadataDate>{date}</xmp:MetadataDate>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
   <pdf:Producer>{tool}</pdf:Producer>
  </rdf:Description>{facturx}
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"#,
        bom = '\u{feff}',
        title = escape(what.title),
        author = escape(what.author),
        tool = TOOL,
    )
}

const FACTURX_XMP: &str = r#"
  <rdf:Description rdf:about="" xmlns:fx="urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#">
   <fx:DocumentType>INVOICE</fx:DocumentType>
   <fx:DocumentFileName>factur-x.xml</fx:DocumentFileName>
   <fx:Version>1.0</fx:Version>
   <fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/" xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
   <pdfaExtension:schemas>
    <rdf:Bag>
     <rdf:li rdf:parseType="Resource">
      <pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema>
      <pdfaSchema:namespaceURI>urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#</pdfaSchema:namespaceURI>
      <pdfaSchema:prefix>fx</pdfaSchema:prefix>
      <pdfaSchema:property>
       <rdf:Seq>
        <rdf:li rdf:parseType="Resource">
         <pdfaProperty:name>DocumentFileName</pdfaProperty:name>
         <pdfaProperty:valueType>Text</pdfaProperty:valueType>
         <pdfaProperty:category>external</pdfaProperty:category>
         <pdfaProperty:description>The name of the embedded XML document</pdfaProperty:description>
        </rdf:li>
        <rdf:li rdf:parseType="Resource">
         <pdfaProperty:name>DocumentType</pdfaProperty:name>
         <pdfaProperty:valueType>Text</pdfaProperty:valueType>
         <pdfaProperty:category>external</pdfaProperty:category>
         <pdfaProperty:description>The type of the hybrid document: INVOICE</pdfaProperty:description>
        </rdf:li>
        <rdf:li rdf:parseType="Resource">
         <pdfaProperty:name>Version</pdfaProperty:name>
         <pdfaProperty:valueType>Text</pdfaProperty:valueType>
         <pdfaProperty:category>external</pdfaProperty:category>
         <pdfaProperty:description>The version of the Factur-X XML schema</pdfaProperty:description>
        </rdf:li>
        <rdf:li rdf:parseType="Resource">
         <pdfaProperty:name>ConformanceLevel</pdfaProperty:name>
         <pdfaProperty:valueType>Text</pdfaProperty:valueType>
         <pdfaProperty:category>external</pdfaProperty:category>
         <pdfaProperty:description>The conformance level of the embedded XML</pdfaProperty:description>
        </rdf:li>
       </rdf:Seq>
      </pdfaSchema:property>
     </rdf:li>
    </rdf:Bag>
   </pdfaExtension:schemas>
  </rdf:Description>"#;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
