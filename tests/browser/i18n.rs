//! Every shipped language: its strings, and a plural form the language
//! really has (the form chosen by the browser's Intl.PluralRules, no
//! plural rules written here). One case per language, plus the page's
//! `lang` and overrides, and every duration under 1,000 minutes in every
//! shipped language written as the browser's own Intl.NumberFormat
//! writes it.

use crate::support::page::{options, start_timeout, Clock, Started};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

/// (locale, title, the message two minutes before expiry).
const LANGUAGES: &[(&str, &str, &str)] = &[
    ("en", "You're about to be signed out", "For your security, we will sign you out in 2 minutes."),
    ("de", "Sie werden gleich abgemeldet", "Zu Ihrer Sicherheit melden wir Sie in 2 Minuten ab."),
    ("fr", "Vous allez bientôt être déconnecté", "Pour votre sécurité, nous vous déconnecterons dans 2 minutes."),
    ("nl", "U wordt bijna afgemeld", "Voor uw veiligheid melden we u af over 2 minuten."),
    ("es", "Su sesión está a punto de cerrarse", "Por su seguridad, cerraremos su sesión en 2 minutos."),
    // Welsh has a dual: "2 funud", but "3 munud".
    ("cy", "Rydych ar fin cael eich allgofnodi", "Er eich diogelwch, byddwn yn eich allgofnodi ymhen 2 funud."),
];

fn start(locale: &str, warn: u32) -> Started {
    start_timeout(options(&[
        ("sessionSeconds", JsValue::from(warn + 1)),
        ("warnSeconds", warn.into()),
        ("locale", locale.into()),
        ("crossTab", false.into()),
        ("trackRequests", false.into()),
    ]))
    .unwrap()
}

/// Whether this browser's Intl.NumberFormat has `locale`'s data (some
/// Chromium builds ship ICU without Welsh number data, though their
/// PluralRules know Welsh): where it has not, the comparison with it is
/// skipped, said so.
fn intl_has(locale: &str) -> bool {
    js_sys::Intl::NumberFormat::supported_locales_of(&js_sys::Array::of1(&locale.into()), &js_sys::Object::new()).length() > 0
}

/// What Intl itself makes of `n` `unit`s ("minute", "second") in `locale`.
fn intl_unit(locale: &str, unit: &str, n: u32) -> String {
    let options = js_sys::Object::new();
    for (k, v) in [("style", "unit"), ("unit", unit), ("unitDisplay", "long")] {
        js_sys::Reflect::set(&options, &k.into(), &v.into()).unwrap();
    }
    let f = js_sys::Intl::NumberFormat::new(&js_sys::Array::of1(&locale.into()), &options);
    f.format().call1(&JsValue::UNDEFINED, &n.into()).unwrap().as_string().unwrap()
}

fn skipped(what: &str, locale: &str) {
    web_sys::console::log_1(&format!("skipped: {what}: this browser's Intl has no data for {locale:?}").into());
}

fn dialog_text(index: u32, part: &str) -> String {
    let doc = web_sys::window().unwrap().document().unwrap();
    let dialogs = doc.query_selector_all("dialog.session-timeout").unwrap();
    let dialog: web_sys::Element = dialogs.item(index).unwrap().dyn_into().unwrap();
    dialog.query_selector(&format!(".session-timeout__{part}")).unwrap().unwrap().text_content().unwrap_or_default()
}

#[wasm_bindgen_test]
async fn every_shipped_language_with_a_real_plural_form() {
    let clock = Clock::start();
    let running: Vec<Started> = LANGUAGES.iter().map(|(l, _, _)| start(l, 120)).collect();
    clock.advance(1_000);
    // Dialogs open in the order their timers fire, which need not be the
    // order they were made: match each language to its dialog by content.
    let shown: Vec<(String, String)> = (0..LANGUAGES.len() as u32).map(|i| (dialog_text(i, "title"), dialog_text(i, "message"))).collect();
    for (locale, title, message) in LANGUAGES {
        assert!(shown.contains(&(title.to_string(), message.to_string())), "{locale}: {title} / {message} not among {shown:?}");
    }
    for t in running {
        t.destroy();
    }
    web_sys::console::log_1(&format!("languages: {} passed, 0 failed", LANGUAGES.len()).into());
}

#[wasm_bindgen_test]
async fn welsh_three_is_not_the_dual() {
    let clock = Clock::start();
    let t = start("cy", 180);
    clock.advance(1_000);
    let message = dialog_text(0, "message");
    t.destroy();
    assert_eq!(message, "Er eich diogelwch, byddwn yn eich allgofnodi ymhen 3 munud.");
}

/// The same text, whichever space is between number and word: CLDR's
/// regions differ only there (French writes "0 seconde" with a no-break
/// space, Canadian French with a plain one), which no reader sees or hears.
fn spaced(text: &str) -> String {
    text.replace(['\u{a0}', '\u{202f}'], " ")
}

/// The shipped languages' own words (used under 1,000, so a page need not
/// load ICU's number data) say what Intl.NumberFormat says, for every
/// number of minutes and seconds, with and without a region.
#[wasm_bindgen_test]
fn shipped_unit_words_are_what_intl_writes() {
    use session_timeout::testing::format_duration;
    let format_duration = |locale: &str, seconds: u64| spaced(&format_duration(locale, seconds, true));
    let intl_unit = |locale: &str, unit: &str, n: u32| spaced(&intl_unit(locale, unit, n));
    let mut compared = 0;
    for locale in ["en", "en-GB", "de", "de-CH", "fr", "fr-CA", "nl", "nl-BE", "es", "es-419", "cy", "cy-GB"] {
        if !intl_has(locale) {
            skipped("the comparison with Intl.NumberFormat", locale);
            continue;
        }
        for n in 0..1000 {
            assert_eq!(format_duration(locale, u64::from(n) * 60), intl_unit(locale, if n == 0 { "second" } else { "minute" }, n), "{locale}: {n} minutes");
            compared += 1;
        }
        for n in 1..60 {
            assert_eq!(format_duration(locale, u64::from(n)), intl_unit(locale, "second", n), "{locale}: {n} seconds");
            compared += 1;
        }
        let both = [intl_unit(locale, "minute", 2), " ".into(), intl_unit(locale, "second", 1)].concat();
        assert_eq!(format_duration(locale, 121), both, "{locale}");
    }
    // Welsh in every browser, with or without its number data in Intl;
    // the same in the shipped Welsh texts as in the page's own.
    assert_eq!(format_duration("cy", 120), "2 funud");
    assert_eq!(format_duration("cy", 2), "2 eiliad");
    assert_eq!(format_duration("cy", 180), "3 munud");
    assert_eq!(session_timeout::testing::format_duration("cy", 120, false), "2 funud");
    web_sys::console::log_1(&format!("unit words: {compared} durations compared with Intl.NumberFormat").into());
}

/// Where the shipped words do not reach, Intl.NumberFormat writes the
/// whole duration: grouped numbers, other digits, other languages.
#[wasm_bindgen_test]
fn intl_writes_what_the_shipped_words_do_not_cover() {
    use session_timeout::testing::format_duration;
    for (locale, minutes) in [("en", 1440), ("de", 1000), ("fr", 1440), ("en-u-nu-arab", 30), ("de-CH-u-nu-arab", 2), ("ja", 30), ("pt-BR", 1)] {
        assert_eq!(format_duration(locale, minutes * 60, true), intl_unit(locale, "minute", minutes as u32), "{locale}: {minutes} minutes");
    }
    // No language given: the texts' English, whatever the browser's.
    assert_eq!(format_duration("", 60, true), "1 minute");
    assert_eq!(format_duration("", 1440 * 60, false), intl_unit("en", "minute", 1440));
}

/// A page in a language not shipped gets the English texts, and their
/// durations in English too: never "30 minutos" in an English sentence.
/// Its own texts get durations in its own language.
#[wasm_bindgen_test]
fn durations_are_in_the_language_of_the_text_they_are_in() {
    use session_timeout::testing::format_duration;
    assert_eq!(format_duration("pt-BR", 120, false), "2 minutes");
    assert_eq!(format_duration("ja", 1440 * 60, false), intl_unit("en", "minute", 1440));
    assert_eq!(format_duration("pt-BR", 120, true), intl_unit("pt-BR", "minute", 2));

    let clock = Clock::start();
    let shipped = start("pt-BR", 120);
    let own = start_timeout(options(&[
        ("sessionSeconds", 121.into()),
        ("warnSeconds", 120.into()),
        ("locale", "pt-BR".into()),
        ("crossTab", false.into()),
        ("trackRequests", false.into()),
        ("text", options(&[("warningMessage", "Por sua segurança, encerraremos sua sessão em {time}.".into())])),
    ]))
    .unwrap();
    clock.advance(1_000);
    let shown: Vec<String> = (0..2).map(|i| dialog_text(i, "message")).collect();
    shipped.destroy();
    own.destroy();
    let theirs = ["Por sua segurança, encerraremos sua sessão em ", &intl_unit("pt-BR", "minute", 2), "."].concat();
    for message in ["For your security, we will sign you out in 2 minutes.", theirs.as_str()] {
        assert!(shown.iter().any(|m| m == message), "{message} not among {shown:?}");
    }
}

#[wasm_bindgen_test]
async fn the_pages_lang_chooses_when_no_locale_is_given() {
    let clock = Clock::start();
    let html = web_sys::window().unwrap().document().unwrap().document_element().unwrap();
    let before = html.get_attribute("lang");
    html.set_attribute("lang", "de-CH").unwrap();
    let t = start_timeout(options(&[("sessionSeconds", 121.into()), ("warnSeconds", 120.into()), ("crossTab", false.into())])).unwrap();
    clock.advance(1_000);
    assert_eq!(dialog_text(0, "title"), "Sie werden gleich abgemeldet");
    t.destroy();
    match before {
        Some(l) => html.set_attribute("lang", &l).unwrap(),
        None => html.remove_attribute("lang").unwrap(),
    }
}

#[wasm_bindgen_test]
async fn the_pages_own_text_wins_over_the_shipped_language() {
    let clock = Clock::start();
    let t = start_timeout(options(&[
        ("sessionSeconds", 121.into()),
        ("warnSeconds", 120.into()),
        ("locale", "fr".into()),
        ("crossTab", false.into()),
        ("text", options(&[("stayButton", "Je reste".into())])),
    ]))
    .unwrap();
    clock.advance(1_000);
    assert_eq!(dialog_text(0, "button--primary"), "Je reste");
    assert_eq!(dialog_text(0, "title"), "Vous allez bientôt être déconnecté");
    t.destroy();
}
