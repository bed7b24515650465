//! The shipped languages: every visible and announced string in English,
//! German, French, Dutch, Spanish and Welsh. The page's own `text` options
//! win over these; durations come from the browser's `Intl`, not from here.

use crate::text::Text;

/// The default strings for a BCP 47 tag (its primary language); English
/// for any language not shipped.
pub fn defaults(locale: &str) -> Text {
    let language = locale.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
    let s = |v: [&str; 11]| Text {
        warning_title: v[0].into(),
        warning_message: v[1].into(),
        stay_button: v[2].into(),
        sign_out_button: v[3].into(),
        expired_title: v[4].into(),
        expired_message: v[5].into(),
        sign_in_button: v[6].into(),
        keep_alive_failed: v[7].into(),
        draft_restored: v[8].into(),
        keep_alive_refused: v[9].into(),
        notice: v[10].into(),
        title_alert: crate::text::TITLE_ALERT.into(),
    };
    match language.as_str() {
        "de" => s([
            "Sie werden gleich abgemeldet",
            "Zu Ihrer Sicherheit melden wir Sie in {time} ab.",
            "Angemeldet bleiben",
            "Abmelden",
            "Sie wurden abgemeldet",
            "Wir leiten Sie in {time} zur Anmeldeseite weiter.",
            "Erneut anmelden",
            "Der Server ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.",
            "Wir haben wiederhergestellt, was Sie vor der Abmeldung eingegeben hatten. Bitte prüfen Sie es vor dem Absenden.",
            "Wir konnten Ihre Sitzung nicht verlängern. Versuchen Sie es erneut, oder sichern Sie Ihre Arbeit und melden Sie sich neu an.",
            "Zu Ihrer Sicherheit melden wir Sie nach {time} ohne Aktivität ab.",
        ]),
        "fr" => s([
            "Vous allez bientôt être déconnecté",
            "Pour votre sécurité, nous vous déconnecterons dans {time}.",
            "Rester connecté",
            "Se déconnecter",
            "Vous avez été déconnecté",
            "Nous vous redirigerons vers la page de connexion dans {time}.",
            "Se reconnecter",
            "Impossible de joindre le serveur. Vérifiez votre connexion et réessayez.",
            "Nous avons restauré ce que vous aviez saisi avant d’être déconnecté. Vérifiez-le avant de l’envoyer.",
            "Nous n’avons pas pu prolonger votre session. Réessayez, ou enregistrez votre travail et reconnectez-vous.",
            "Pour votre sécurité, nous vous déconnecterons après {time} d’inactivité.",
        ]),
        "nl" => s([
            "U wordt bijna afgemeld",
            "Voor uw veiligheid melden we u af over {time}.",
            "Aangemeld blijven",
            "Afmelden",
            "U bent afgemeld",
            "We brengen u over {time} naar de aanmeldpagina.",
            "Opnieuw aanmelden",
            "We konden de server niet bereiken. Controleer uw verbinding en probeer het opnieuw.",
            "We hebben teruggezet wat u had getypt voordat u werd afgemeld. Controleer het voordat u het verstuurt.",
            "We konden uw sessie niet verlengen. Probeer het opnieuw, of bewaar uw werk en meld u opnieuw aan.",
            "Voor uw veiligheid melden we u af na {time} zonder activiteit.",
        ]),
        "es" => s([
            "Su sesión está a punto de cerrarse",
            "Por su seguridad, cerraremos su sesión en {time}.",
            "Mantener la sesión iniciada",
            "Cerrar sesión",
            "Se ha cerrado su sesión",
            "Le llevaremos a la página de inicio de sesión en {time}.",
            "Volver a iniciar sesión",
            "No hemos podido conectar con el servidor. Compruebe su conexión y vuelva a intentarlo.",
            "Hemos recuperado lo que había escrito antes de que se cerrara su sesión. Revíselo antes de enviarlo.",
            "No hemos podido ampliar su sesión. Vuelva a intentarlo, o guarde su trabajo e inicie sesión de nuevo.",
            "Por su seguridad, cerraremos su sesión tras {time} de inactividad.",
        ]),
        "cy" => s([
            "Rydych ar fin cael eich allgofnodi",
            "Er eich diogelwch, byddwn yn eich allgofnodi ymhen {time}.",
            "Parhau i fod wedi’ch mewngofnodi",
            "Allgofnodi",
            "Rydych wedi cael eich allgofnodi",
            "Byddwn yn mynd â chi i’r dudalen mewngofnodi ymhen {time}.",
            "Mewngofnodi eto",
            "Nid oedd modd cysylltu â’r gweinydd. Gwiriwch eich cysylltiad a rhowch gynnig arall arni.",
            "Rydym wedi adfer yr hyn roeddech wedi’i deipio cyn i chi gael eich allgofnodi. Gwiriwch hyn cyn ei anfon.",
            "Nid oedd modd ymestyn eich sesiwn. Rhowch gynnig arall arni, neu cadwch eich gwaith a mewngofnodi eto.",
            "Er eich diogelwch, byddwn yn eich allgofnodi ar ôl {time} heb weithgarwch.",
        ]),
        _ => Text::default(),
    }
}

/// The languages shipped.
#[cfg(test)]
pub const SHIPPED: [&str; 6] = ["en", "de", "fr", "nl", "es", "cy"];

#[cfg(test)]
mod tests {
    use super::{defaults, SHIPPED};
    use crate::text::unknown_placeholder;

    #[test]
    fn every_language_fills_every_string_and_keeps_the_placeholder() {
        for lang in SHIPPED {
            let t = defaults(lang);
            for s in [&t.warning_title, &t.stay_button, &t.sign_out_button, &t.expired_title, &t.sign_in_button, &t.keep_alive_failed, &t.keep_alive_refused, &t.draft_restored] {
                assert!(!s.is_empty(), "{lang}");
            }
            for m in [&t.warning_message, &t.expired_message, &t.notice] {
                assert!(m.contains("{time}"), "{lang}: {m}");
                assert_eq!(unknown_placeholder(m, &["time"]), None);
            }
            assert_eq!(unknown_placeholder(&t.title_alert, crate::text::placeholders("titleAlert")), None);
            assert!(t.title_alert.contains("{time}") && t.title_alert.contains("{title}"), "{lang}");
        }
    }

    #[test]
    fn regional_tags_and_unknown_languages() {
        assert_eq!(defaults("de-AT").stay_button, "Angemeldet bleiben");
        assert_eq!(defaults("cy-GB").sign_out_button, "Allgofnodi");
        assert_eq!(defaults("ja").stay_button, "Stay signed in");
        assert_eq!(defaults("").stay_button, "Stay signed in");
    }
}
