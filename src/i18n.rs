//! The shipped languages: every visible and announced string in English,
//! German, French, Dutch, Spanish and Welsh, and the words for "minute"
//! and "second" after a number. The page's own `text` options win over
//! these; plural forms come from the browser's `Intl.PluralRules`.

use crate::text::Text;

/// A shipped language: its code (what `Intl.PluralRules` is asked for),
/// its strings and its unit words.
#[derive(Clone, Copy)]
pub struct Language {
    pub code: &'static str,
    pub texts: Strings,
    pub units: Strings,
}

/// The texts of a language not shipped, and of a page with none given.
pub const ENGLISH: Language = Language { code: "en", texts: EN, units: EN_UNITS };

/// Every shipped language (English first: a page with no language gets it).
static LANGUAGES: [Language; 6] = [
    ENGLISH,
    Language { code: "de", texts: DE, units: DE_UNITS },
    Language { code: "fr", texts: FR, units: FR_UNITS },
    Language { code: "nl", texts: NL, units: NL_UNITS },
    Language { code: "es", texts: ES, units: ES_UNITS },
    Language { code: "cy", texts: CY, units: CY_UNITS },
];

/// The shipped language of a BCP 47 tag (its primary language), English
/// for none given, `None` for a language not shipped.
pub fn shipped(locale: &str) -> Option<Language> {
    // Bytes, not `split(['-', '_'])`: no char searcher in the .wasm.
    let end = crate::split::position(locale, |b| b == b'-' || b == b'_').unwrap_or(locale.len());
    let primary = locale.get(..end).unwrap_or_default();
    if primary.is_empty() {
        return Some(ENGLISH);
    }
    // A loop, not `find`: each adapter links code of its own.
    for language in &LANGUAGES {
        if primary.eq_ignore_ascii_case(language.code) {
            return Some(*language);
        }
    }
    None
}

/// The default strings for a BCP 47 tag; English for any language not
/// shipped.
pub fn defaults(locale: &str) -> Text {
    Text::shipped(shipped(locale).unwrap_or(ENGLISH).texts)
}

/// Entry `i` of a string of entries each ended by U+0001 ("" past the end).
pub fn entry(strings: Strings, i: usize) -> &'static str {
    // Counted down in a loop: `nth` was a generic function of its own.
    let mut left = i;
    for text in crate::split::split(strings, 1) {
        if left == 0 {
            return text;
        }
        left -= 1;
    }
    ""
}

/// One language's strings in the order of `TEXT_KEYS`, but for the title
/// alert (the same in all: numbers and the page's title need no words),
/// each ended by U+0001. Data, not code: each language costs its bytes of
/// text and no more; one string, not a table of 14 pointers and lengths
/// (672 bytes over the six, which compress badly).
pub type Strings = &'static str;

/// The strings given, each ended by U+0001, as one string.
macro_rules! language {
    ($($text:literal,)*) => {
        concat!($($text, "\u{1}",)*)
    };
}

static DE: Strings = language![
    "Sie werden gleich abgemeldet",
    "Zu Ihrer Sicherheit melden wir Sie in {time} ab.",
    "Angemeldet bleiben",
    "Abmelden",
    "Sie wurden abgemeldet",
    "Wir leiten Sie in {time} zur Anmeldeseite weiter.",
    "Erneut anmelden",
    "Der Server ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.",
    "Wir konnten Ihre Sitzung nicht verlängern. Versuchen Sie es erneut, oder sichern Sie Ihre Arbeit und melden Sie sich neu an.",
    "Wir haben wiederhergestellt, was Sie vor der Abmeldung eingegeben hatten. Bitte prüfen Sie es vor dem Absenden.",
    "Zu Ihrer Sicherheit melden wir Sie nach {time} ohne Aktivität ab.",
    "Ihre Sitzung endet gleich",
    "Sie haben die maximale Dauer einer Sitzung erreicht. Wir melden Sie in {time} ab; sichern Sie jetzt Ihre Arbeit.",
    "Weiter",
];

static FR: Strings = language![
    "Vous allez bientôt être déconnecté",
    "Pour votre sécurité, nous vous déconnecterons dans {time}.",
    "Rester connecté",
    "Se déconnecter",
    "Vous avez été déconnecté",
    "Nous vous redirigerons vers la page de connexion dans {time}.",
    "Se reconnecter",
    "Impossible de joindre le serveur. Vérifiez votre connexion et réessayez.",
    "Nous n’avons pas pu prolonger votre session. Réessayez, ou enregistrez votre travail et reconnectez-vous.",
    "Nous avons restauré ce que vous aviez saisi avant d’être déconnecté. Vérifiez-le avant de l’envoyer.",
    "Pour votre sécurité, nous vous déconnecterons après {time} d’inactivité.",
    "Votre session va bientôt se terminer",
    "Vous avez atteint la durée maximale d’une session. Nous vous déconnecterons dans {time} ; enregistrez votre travail maintenant.",
    "Continuer",
];

static NL: Strings = language![
    "U wordt bijna afgemeld",
    "Voor uw veiligheid melden we u af over {time}.",
    "Aangemeld blijven",
    "Afmelden",
    "U bent afgemeld",
    "We brengen u over {time} naar de aanmeldpagina.",
    "Opnieuw aanmelden",
    "We konden de server niet bereiken. Controleer uw verbinding en probeer het opnieuw.",
    "We konden uw sessie niet verlengen. Probeer het opnieuw, of bewaar uw werk en meld u opnieuw aan.",
    "We hebben teruggezet wat u had getypt voordat u werd afgemeld. Controleer het voordat u het verstuurt.",
    "Voor uw veiligheid melden we u af na {time} zonder activiteit.",
    "Uw sessie eindigt bijna",
    "U hebt de maximale duur van een sessie bereikt. We melden u af over {time}; bewaar nu uw werk.",
    "Doorgaan",
];

static ES: Strings = language![
    "Su sesión está a punto de cerrarse",
    "Por su seguridad, cerraremos su sesión en {time}.",
    "Mantener la sesión iniciada",
    "Cerrar sesión",
    "Se ha cerrado su sesión",
    "Le llevaremos a la página de inicio de sesión en {time}.",
    "Volver a iniciar sesión",
    "No hemos podido conectar con el servidor. Compruebe su conexión y vuelva a intentarlo.",
    "No hemos podido ampliar su sesión. Vuelva a intentarlo, o guarde su trabajo e inicie sesión de nuevo.",
    "Hemos recuperado lo que había escrito antes de que se cerrara su sesión. Revíselo antes de enviarlo.",
    "Por su seguridad, cerraremos su sesión tras {time} de inactividad.",
    "Su sesión está a punto de terminar",
    "Ha alcanzado la duración máxima de una sesión. Cerraremos su sesión en {time}; guarde su trabajo ahora.",
    "Continuar",
];

static CY: Strings = language![
    "Rydych ar fin cael eich allgofnodi",
    "Er eich diogelwch, byddwn yn eich allgofnodi ymhen {time}.",
    "Parhau i fod wedi’ch mewngofnodi",
    "Allgofnodi",
    "Rydych wedi cael eich allgofnodi",
    "Byddwn yn mynd â chi i’r dudalen mewngofnodi ymhen {time}.",
    "Mewngofnodi eto",
    "Nid oedd modd cysylltu â’r gweinydd. Gwiriwch eich cysylltiad a rhowch gynnig arall arni.",
    "Nid oedd modd ymestyn eich sesiwn. Rhowch gynnig arall arni, neu cadwch eich gwaith a mewngofnodi eto.",
    "Rydym wedi adfer yr hyn roeddech wedi’i deipio cyn i chi gael eich allgofnodi. Gwiriwch hyn cyn ei anfon.",
    "Er eich diogelwch, byddwn yn eich allgofnodi ar ôl {time} heb weithgarwch.",
    "Mae eich sesiwn ar fin dod i ben",
    "Rydych wedi cyrraedd hyd mwyaf sesiwn. Byddwn yn eich allgofnodi ymhen {time}; cadwch eich gwaith nawr.",
    "Parhau",
];

static EN: Strings = language![
    "You're about to be signed out",
    "For your security, we will sign you out in {time}.",
    "Stay signed in",
    "Sign out",
    "You have been signed out",
    "We will take you to the sign-in page in {time}.",
    "Sign in again",
    "We could not reach the server. Check your connection and try again.",
    "We could not extend your session. Try again, or save your work and sign in again.",
    "We restored what you had typed before you were signed out. Check it before you send it.",
    "For your security, we will sign you out after {time} of inactivity.",
    "Your session is about to end",
    "You have reached the longest a session can last. We will sign you out in {time}; save your work now.",
    "Continue",
];

/// Each language's words after a number, as CLDR's long units have them
/// (what `Intl.NumberFormat` writes, checked against it in every browser
/// by tests/browser/i18n.rs), each after its space (French's is a
/// no-break space before "seconde"): "minute" in the plural forms `one`,
/// `other`, `two`, then "second" in the same three (only Welsh has a
/// dual of its own: "2 funud", "3 munud").
static EN_UNITS: Strings = language![" minute", " minutes", " minutes", " second", " seconds", " seconds",];
static DE_UNITS: Strings = language![" Minute", " Minuten", " Minuten", " Sekunde", " Sekunden", " Sekunden",];
static FR_UNITS: Strings = language![" minute", " minutes", " minutes", "\u{a0}seconde", "\u{a0}secondes", "\u{a0}secondes",];
static NL_UNITS: Strings = language![" minuut", " minuten", " minuten", " seconde", " seconden", " seconden",];
static ES_UNITS: Strings = language![" minuto", " minutos", " minutos", " segundo", " segundos", " segundos",];
static CY_UNITS: Strings = language![" munud", " munud", " funud", " eiliad", " eiliad", " eiliad",];

#[cfg(test)]
mod tests {
    use super::{defaults, Language, LANGUAGES};
    use crate::text::unknown_placeholder;
    use crate::text::Key::*;

    #[test]
    fn every_language_fills_every_string_and_keeps_the_placeholder() {
        for Language { code: lang, .. } in LANGUAGES {
            let t = defaults(lang);
            for k in [StayButton, SignOutButton, ExpiredTitle, SignInButton, WarningTitle, KeepAliveFailed, KeepAliveRefused, DraftRestored, FinalWarningTitle, FinalWarningButton] {
                assert!(!t.get(k).is_empty(), "{lang}");
            }
            for m in [t.get(WarningMessage), t.get(ExpiredMessage), t.get(Notice), t.get(FinalWarningMessage)] {
                assert!(m.contains("{time}"), "{lang}: {m}");
                assert_eq!(unknown_placeholder(m, &["time"]), None);
            }
            let alert = t.get(TitleAlert);
            assert_eq!(unknown_placeholder(alert, crate::text::placeholders("titleAlert")), None);
            assert!(alert.contains("{time}") && alert.contains("{title}"), "{lang}");
        }
    }

    #[test]
    fn every_language_has_one_string_per_key_but_the_title_alert() {
        for Language { code: lang, texts, .. } in LANGUAGES {
            let parts: Vec<&str> = texts.split('\u{1}').collect();
            assert_eq!(parts.len(), crate::options::names(crate::text::TEXT_KEYS).count(), "{lang}: 14 strings, each ended by U+0001");
            assert!(parts[..14].iter().all(|p| !p.is_empty()) && parts[14].is_empty(), "{lang}");
        }
    }

    #[test]
    fn every_language_has_three_forms_of_each_unit() {
        for Language { code: lang, units, .. } in LANGUAGES {
            assert_eq!(super::shipped(lang).map(|l| l.code), Some(lang));
            let words: Vec<&str> = units.split('\u{1}').collect();
            assert_eq!(words.len(), 7, "{lang}: six words, each ended by U+0001");
            assert!(words[..6].iter().all(|w| !w.is_empty()), "{lang}");
        }
    }

    #[test]
    fn regional_tags_and_unknown_languages() {
        assert_eq!(super::shipped("cy-GB").map(|l| l.code), Some("cy"));
        assert_eq!(super::shipped("").map(|l| l.code), Some("en"));
        assert!(super::shipped("ja").is_none() && super::shipped("pt-BR").is_none());
        assert_eq!(defaults("de-AT").get(StayButton), "Angemeldet bleiben");
        assert_eq!(defaults("cy-GB").get(SignOutButton), "Allgofnodi");
        assert_eq!(defaults("ja").get(StayButton), "Stay signed in");
        assert_eq!(defaults("en").get(KeepAliveRefused), "We could not extend your session. Try again, or save your work and sign in again.");
        assert_eq!(defaults("de").get(DraftRestored), "Wir haben wiederhergestellt, was Sie vor der Abmeldung eingegeben hatten. Bitte prüfen Sie es vor dem Absenden.");
        assert_eq!(defaults("").get(StayButton), "Stay signed in");
    }
}
