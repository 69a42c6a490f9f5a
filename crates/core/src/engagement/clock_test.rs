use super::*;

/// `[interaction, in view, active page, wall]` in whole milliseconds.
fn totals(clock: &Clock, instance: u32) -> [u64; 4] {
    let t = clock.totals(instance).unwrap();
    assert!(t.is_ordered(), "{t:?}");
    [t.interaction_ms, t.in_view_ms, t.active_page_ms, t.wall_ms]
}

/// A clock created at 0 with one instance fully in view.
fn one_in_view() -> (Clock, u32) {
    let mut clock = Clock::new(0.0, DEFAULT_IDLE_TIMEOUT_MS).unwrap();
    let w = clock.add_instance(0.0).unwrap();
    clock.intersection(w, 1.0, 0.0).unwrap();
    (clock, w)
}

fn check(clock: &mut Clock, instance: u32, now_ms: f64, expected: [u64; 4]) {
    clock.advance(now_ms).unwrap();
    assert_eq!(totals(clock, instance), expected, "at {now_ms} ms");
}

#[test]
fn no_input_credits_no_interaction() {
    let (mut clock, w) = one_in_view();
    check(&mut clock, w, 60_000.0, [0, 60_000, 60_000, 60_000]);
}

#[test]
fn one_input_then_idleness_credits_exactly_the_idle_timeout() {
    let (mut clock, w) = one_in_view();
    clock.input(w, 1_000.0).unwrap();
    check(&mut clock, w, 61_000.0, [15_000, 61_000, 61_000, 61_000]);
    // Times with fractions of a millisecond, as performance.now() gives them.
    let (mut clock, w) = one_in_view();
    clock.input(w, 1_000.1).unwrap();
    check(&mut clock, w, 5_000.3, [4_000, 5_000, 5_000, 5_000]);
    check(&mut clock, w, 61_000.7, [15_000, 61_000, 61_000, 61_000]);
}

#[test]
fn each_input_restarts_the_idle_timeout() {
    let (mut clock, w) = one_in_view();
    clock.input(w, 0.0).unwrap();
    clock.input(w, 10_000.0).unwrap();
    check(
        &mut clock,
        w,
        100_000.0,
        [25_000, 100_000, 100_000, 100_000],
    );
}

#[test]
fn the_idle_timeout_is_configurable_within_bounds() {
    let mut clock = Clock::new(0.0, 5_000).unwrap();
    let w = clock.add_instance(0.0).unwrap();
    clock.intersection(w, 0.5, 0.0).unwrap();
    clock.input(w, 0.0).unwrap();
    check(&mut clock, w, 20_000.0, [5_000, 20_000, 20_000, 20_000]);
    assert!(Clock::new(0.0, 60_000).is_ok());
    for bad in [0, 4_999, 60_001, u64::MAX] {
        assert_eq!(
            Clock::new(0.0, bad),
            Err(ClockError::IdleTimeoutOutOfRange {
                idle_timeout_ms: bad
            })
        );
    }
    let message = Clock::new(0.0, 1).unwrap_err().to_string();
    assert!(message.contains("5000 to 60000"), "{message}");
}

#[test]
fn a_hidden_page_stops_every_clock_but_wall() {
    let (mut clock, w) = one_in_view();
    clock.input(w, 0.0).unwrap();
    clock
        .page_fact(PageFact::Visibility(false), 2_000.0)
        .unwrap();
    check(&mut clock, w, 9_000.0, [2_000, 2_000, 2_000, 9_000]);
    clock
        .page_fact(PageFact::Visibility(true), 9_000.0)
        .unwrap();
    // The idle deadline (15 s after the input) passed in real time.
    check(&mut clock, w, 30_000.0, [8_000, 23_000, 23_000, 30_000]);
}

#[test]
fn blur_freeze_and_pagehide_stop_the_clocks_and_resume() {
    let facts = [
        (PageFact::Focus(false), PageFact::Focus(true)),
        (PageFact::Freeze, PageFact::Resume),
        (PageFact::PageHide, PageFact::PageShow),
    ];
    for (stop, resume) in facts {
        let (mut clock, w) = one_in_view();
        clock.input(w, 0.0).unwrap();
        clock.page_fact(stop, 1_000.0).unwrap();
        assert!(!clock.page_is_active());
        check(&mut clock, w, 5_000.0, [1_000, 1_000, 1_000, 5_000]);
        clock.page_fact(resume, 5_000.0).unwrap();
        clock.input(w, 5_000.0).unwrap();
        check(&mut clock, w, 7_000.0, [3_000, 3_000, 3_000, 7_000]);
    }
}

#[test]
fn the_page_is_active_only_when_every_condition_holds() {
    let (mut clock, w) = one_in_view();
    clock.page_fact(PageFact::Freeze, 0.0).unwrap();
    clock.page_fact(PageFact::Focus(false), 0.0).unwrap();
    clock.page_fact(PageFact::Resume, 1_000.0).unwrap();
    assert!(!clock.page_is_active(), "still blurred");
    clock.page_fact(PageFact::Focus(true), 2_000.0).unwrap();
    check(&mut clock, w, 3_000.0, [0, 1_000, 1_000, 3_000]);
}

#[test]
fn less_than_half_in_view_stops_interaction_and_in_view() {
    let (mut clock, w) = one_in_view();
    clock.input(w, 0.0).unwrap();
    clock.intersection(w, 0.49, 1_000.0).unwrap();
    check(&mut clock, w, 3_000.0, [1_000, 1_000, 3_000, 3_000]);
    clock.intersection(w, 0.5, 3_000.0).unwrap();
    check(&mut clock, w, 4_000.0, [2_000, 2_000, 4_000, 4_000]);
    assert!(clock.is_in_view(w));
}

#[test]
fn an_instance_starts_out_of_view() {
    let mut clock = Clock::new(0.0, DEFAULT_IDLE_TIMEOUT_MS).unwrap();
    let w = clock.add_instance(0.0).unwrap();
    clock.input(w, 0.0).unwrap();
    check(&mut clock, w, 1_000.0, [0, 0, 1_000, 1_000]);
    assert!(!clock.is_in_view(w));
}

#[test]
fn only_the_instance_with_the_latest_input_accrues() {
    let (mut clock, a) = one_in_view();
    let b = clock.add_instance(0.0).unwrap();
    clock.intersection(b, 1.0, 0.0).unwrap();
    clock.input(a, 0.0).unwrap();
    clock.input(b, 4_000.0).unwrap();
    clock.input(a, 6_000.0).unwrap();
    clock.advance(30_000.0).unwrap();
    assert_eq!(totals(&clock, a), [19_000, 30_000, 30_000, 30_000]);
    assert_eq!(totals(&clock, b), [2_000, 30_000, 30_000, 30_000]);
}

#[test]
fn a_later_instance_counts_page_time_from_the_trackers_creation() {
    let mut clock = Clock::new(100.0, DEFAULT_IDLE_TIMEOUT_MS).unwrap();
    let w = clock.add_instance(1_100.0).unwrap();
    check(&mut clock, w, 2_100.0, [0, 0, 2_000, 2_000]);
}

#[test]
fn time_going_backwards_or_not_finite_is_refused_and_changes_nothing() {
    let (mut clock, w) = one_in_view();
    clock.input(w, 5_000.0).unwrap();
    let before = clock.clone();
    assert_eq!(
        clock.advance(4_999.9),
        Err(ClockError::TimeWentBackwards {
            last_ms: 5_000.0,
            now_ms: 4_999.9
        })
    );
    assert!(clock.input(w, 1.0).is_err());
    assert!(clock.page_fact(PageFact::Freeze, 1.0).is_err());
    assert!(clock.intersection(w, 0.0, 1.0).is_err());
    assert!(clock.add_instance(1.0).is_err());
    assert!(clock.remove_instance(w, 1.0).is_err());
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -1.0, 2e12] {
        assert_eq!(
            clock.advance(bad).unwrap_err().to_string(),
            ClockError::TimeOutOfRange { now_ms: bad }.to_string()
        );
    }
    assert_eq!(clock, before);
    // The same time again is fine.
    clock.advance(5_000.0).unwrap();
    assert!(Clock::new(f64::NAN, DEFAULT_IDLE_TIMEOUT_MS).is_err());
}

#[test]
fn ratios_outside_zero_to_one_and_unknown_instances_are_refused() {
    let (mut clock, w) = one_in_view();
    for bad in [-0.01, 1.01, f64::NAN, f64::INFINITY] {
        assert!(matches!(
            clock.intersection(w, bad, 1.0),
            Err(ClockError::RatioOutOfRange { .. })
        ));
    }
    assert_eq!(
        clock.input(99, 1.0),
        Err(ClockError::UnknownInstance { instance: 99 })
    );
    assert_eq!(clock.last_ms(), 0.0, "nothing moved");
}

#[test]
fn instances_are_bounded_and_numbers_are_never_reused() {
    let mut clock = Clock::new(0.0, DEFAULT_IDLE_TIMEOUT_MS).unwrap();
    for expected in 1..=64 {
        assert_eq!(clock.add_instance(0.0).unwrap(), expected);
    }
    assert_eq!(
        clock.add_instance(0.0),
        Err(ClockError::TooManyInstances { limit: 64 })
    );
    clock.remove_instance(64, 0.0).unwrap();
    assert_eq!(clock.add_instance(0.0).unwrap(), 65);
    assert!(clock.totals(64).is_err());
}

#[test]
fn removing_the_latest_instance_stops_all_interaction() {
    let (mut clock, a) = one_in_view();
    let b = clock.add_instance(0.0).unwrap();
    clock.intersection(b, 1.0, 0.0).unwrap();
    clock.input(b, 0.0).unwrap();
    clock.remove_instance(b, 1_000.0).unwrap();
    check(&mut clock, a, 5_000.0, [0, 5_000, 5_000, 5_000]);
    assert_eq!(clock.instances().collect::<Vec<_>>(), [a]);
}

#[test]
fn in_view_time_since_input_counts_only_in_view_active_time() {
    let (mut clock, w) = one_in_view();
    assert_eq!(clock.in_view_since_input_ms(w), None);
    clock.input(w, 1_000.0).unwrap();
    clock.intersection(w, 0.0, 1_500.0).unwrap();
    clock.intersection(w, 1.0, 9_000.0).unwrap();
    clock.advance(10_000.0).unwrap();
    assert_eq!(clock.in_view_since_input_ms(w), Some(1_500));
    clock.input(w, 10_000.0).unwrap();
    assert_eq!(clock.in_view_since_input_ms(w), Some(0));
}

#[test]
fn a_new_idle_timeout_closes_an_interaction_at_the_new_deadline() {
    // Shortened mid-interaction: the input at 1 s now keeps the clock
    // running until 6 s, not 16 s.
    let (mut clock, w) = one_in_view();
    clock.input(w, 1_000.0).unwrap();
    clock.set_idle_timeout(5_000, 3_000.0).unwrap();
    check(&mut clock, w, 30_000.0, [5_000, 30_000, 30_000, 30_000]);
    // Lengthened: the next input keeps it running for 40 s.
    clock.set_idle_timeout(40_000, 30_000.0).unwrap();
    clock.input(w, 30_000.0).unwrap();
    check(
        &mut clock,
        w,
        100_000.0,
        [45_000, 100_000, 100_000, 100_000],
    );
}

#[test]
fn a_shortened_timeout_never_takes_back_credited_time() {
    let (mut clock, w) = one_in_view();
    clock.input(w, 0.0).unwrap();
    check(&mut clock, w, 10_000.0, [10_000, 10_000, 10_000, 10_000]);
    // The input is 10 s old; under 5 s it would have stopped at 5 s, but
    // what the old rule credited stays, and nothing more accrues.
    clock.set_idle_timeout(5_000, 10_000.0).unwrap();
    check(&mut clock, w, 20_000.0, [10_000, 20_000, 20_000, 20_000]);
}

#[test]
fn a_new_idle_timeout_has_the_bounds_of_creation_and_a_refusal_changes_nothing() {
    let (mut clock, w) = one_in_view();
    clock.input(w, 0.0).unwrap();
    let before = clock.clone();
    for bad in [
        0,
        MIN_IDLE_TIMEOUT_MS - 1,
        MAX_IDLE_TIMEOUT_MS + 1,
        u64::MAX,
    ] {
        assert_eq!(
            clock.set_idle_timeout(bad, 1_000.0),
            Err(ClockError::IdleTimeoutOutOfRange {
                idle_timeout_ms: bad
            })
        );
        assert_eq!(clock, before);
    }
    assert!(clock.set_idle_timeout(5_000, -1.0).is_err());
    assert_eq!(clock, before);
    clock.set_idle_timeout(MIN_IDLE_TIMEOUT_MS, 0.0).unwrap();
    clock.set_idle_timeout(MAX_IDLE_TIMEOUT_MS, 0.0).unwrap();
    check(
        &mut clock,
        w,
        100_000.0,
        [60_000, 100_000, 100_000, 100_000],
    );
}
