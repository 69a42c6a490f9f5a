use super::*;

#[test]
fn a_page_address_keeps_its_path_and_campaign_but_never_its_query() {
    let info = page_info(
        "https://www.vendor.example/pricing/roi?email=ann%40corp.example&utm_source=news&utm_medium=e%2Dmail&utm_campaign=spring+sale&utm_term=x%40y&utm_content=%01bad&token=secret#top",
        "https://news.example:8443/a?b=c",
    );
    assert_eq!(info.path, "/pricing/roi");
    assert_eq!(info.referrer_host.as_deref(), Some("news.example"));
    assert_eq!(info.campaign.source.as_deref(), Some("news"));
    assert_eq!(info.campaign.medium.as_deref(), Some("e-mail"));
    assert_eq!(info.campaign.campaign.as_deref(), Some("spring sale"));
    // A value with an e-mail address or a control character is dropped.
    assert_eq!(info.campaign.term, None);
    assert_eq!(info.campaign.content, None);
    let json = format!("{info:?}");
    for secret in ["ann", "corp.example", "secret", "token", "email", "top"] {
        assert!(!json.contains(secret), "{secret} leaked: {json}");
    }
}

#[test]
fn campaign_values_are_clamped_and_the_first_of_each_name_wins() {
    let long = "a".repeat(150);
    let info = page_info(
        &format!("https://site.example/?utm_campaign={long}&utm_campaign=second&utm_source=&utm_medium=%20"),
        "",
    );
    assert_eq!(info.campaign.campaign.as_deref(), Some(&long[..100]));
    assert_eq!(info.campaign.source, None);
    assert_eq!(info.campaign.medium, None);
    assert_eq!(info.path, "/");
}

#[test]
fn the_referrer_is_a_host_and_none_when_same_site_or_empty() {
    let page = "https://site.example/a";
    assert_eq!(page_info(page, "").referrer_host, None);
    assert_eq!(
        page_info(page, "https://site.example/b?q=1").referrer_host,
        None
    );
    assert_eq!(
        page_info(page, "android-app://x").referrer_host.as_deref(),
        Some("x")
    );
    assert_eq!(
        page_info(page, "https://user:pw@Search.Example/?q=ann@corp.example")
            .referrer_host
            .as_deref(),
        Some("search.example")
    );
    assert_eq!(
        page_info(page, "http://[::1]:8080/")
            .referrer_host
            .as_deref(),
        Some("[::1]")
    );
    assert_eq!(page_info(page, "not a url").referrer_host, None);
}

#[test]
fn paths_are_visible_ascii_rooted_and_at_most_512_bytes() {
    let long = format!("https://s.example/{}", "p".repeat(600));
    let info = page_info(&long, "");
    assert_eq!(info.path.len(), 512);
    assert!(info.path.starts_with("/ppp"));
    assert_eq!(page_info("https://s.example/a b\u{e9}", "").path, "/a_b__");
    assert_eq!(page_info("https://s.example?x=1", "").path, "/");
    assert_eq!(video_source("", "v"), "v");
    assert_eq!(page_info("https://s.example", "").path, "/");
}

#[test]
fn links_are_downloads_outbound_or_neither() {
    let page = "site.example";
    assert_eq!(
        classify_link(
            "https://site.example/files/Guide.PDF?email=a@b.example#p2",
            page
        ),
        Some(PageTarget::Download {
            path: "/files/Guide.PDF".into(),
            extension: "pdf".into()
        })
    );
    assert_eq!(
        classify_link("https://cdn.other.example/deck.pptx", page),
        Some(PageTarget::Download {
            path: "/deck.pptx".into(),
            extension: "pptx".into()
        })
    );
    for (href, extension) in [
        ("/x.docx", "docx"),
        ("/x.xlsx", "xlsx"),
        ("/x.zip", "zip"),
        ("/x.tar.gz", "gz"),
    ] {
        let target = classify_link(&format!("https://site.example{href}"), page);
        assert_eq!(
            target,
            Some(PageTarget::Download {
                path: href.into(),
                extension: extension.into()
            })
        );
    }
    assert_eq!(
        classify_link("https://Partner.Example/welcome?ref=ann@corp.example", page),
        Some(PageTarget::Outbound {
            host: "partner.example".into()
        })
    );
    assert_eq!(
        classify_link("https://site.example/contact?x=1", page),
        None
    );
    assert_eq!(classify_link("https://site.example/.pdf", page), None);
    assert_eq!(classify_link("https://site.example/notes.pdfx", page), None);
    assert_eq!(classify_link("mailto:ann@corp.example", page), None);
    assert_eq!(classify_link("javascript:void(0)", page), None);
    assert_eq!(classify_link("ftp://files.example/a", page), None);
}

#[test]
fn a_video_is_its_path_or_its_id() {
    assert_eq!(
        video_source("https://cdn.example/media/demo.mp4?sig=abc#t=3", "v"),
        "/media/demo.mp4"
    );
    assert_eq!(
        video_source("blob:https://site.example/1234", "hero-video"),
        "hero-video"
    );
    assert_eq!(video_source("data:video/webm;base64,AAAA", ""), "inline");
    assert_eq!(video_source("", "a?b#c"), "abc");
}

#[test]
fn scroll_depth_is_the_bottom_of_the_viewport_in_whole_percent() {
    assert_eq!(scroll_percent(0.0, 800.0, 4000.0), 20);
    assert_eq!(scroll_percent(1199.0, 800.0, 4000.0), 49);
    assert_eq!(scroll_percent(3200.0, 800.0, 4000.0), 100);
    assert_eq!(scroll_percent(9999.0, 800.0, 4000.0), 100);
    assert_eq!(scroll_percent(0.0, 800.0, 600.0), 100);
    assert_eq!(scroll_percent(f64::NAN, 800.0, 4000.0), 0);
    assert_eq!(scroll_percent(0.0, 0.0, 4000.0), 0);
}

#[test]
fn a_visit_returns_only_after_an_earlier_day() {
    let today = utc_day(1_764_720_000_000.0); // 2025-12-03T00:00:00Z
    assert_eq!(day_text(today), "2025-12-03");
    assert_eq!(utc_day(1_764_720_000_000.0 - 1.0), today - 1);
    assert!(is_returning(Some("2025-12-02"), today));
    assert!(!is_returning(Some("2025-12-03"), today));
    assert!(!is_returning(Some("2025-12-04"), today));
    assert!(!is_returning(Some("yesterday"), today));
    assert!(!is_returning(Some("2025-1-02"), today));
    assert!(!is_returning(Some("2025/12/02"), today));
    assert!(is_returning(Some("1999-12-31"), today));
    assert!(!is_returning(None, today));
}

#[test]
fn a_campaign_value_that_is_not_utf8_once_decoded_is_dropped() {
    let info = page_info(
        "https://s.example/?utm_source=%FF%FE&utm_medium=caf%C3%A9",
        "",
    );
    assert_eq!(info.campaign.source, None);
    assert_eq!(info.campaign.medium.as_deref(), Some("café"));
}

#[test]
fn day_text_is_the_funnels_date_form() {
    for day in [0, 1, 59, 365, 10_957, 20_424, 20_789, 2_932_896] {
        assert_eq!(
            day_text(day),
            crate::engagement::funnel_dates::format_day(day)
        );
    }
}
