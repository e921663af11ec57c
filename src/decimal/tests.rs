//! The formatter and the parser against std on many values: seeded random bit patterns (every
//! exponent), "nice" decimals like the ones in packages, integers, powers of two, subnormals,
//! the extremes, signed zeros, NaN and infinities, and exact halfway points for the parser.

use rand_chacha::ChaCha8Rng;
use rand_core::{RngCore, SeedableRng};

use super::big::Big;
use super::{parse, Decimal, Shortest};

/// Finite and special values, random and chosen, from one seed.
fn values(seed: u64, random: usize) -> Vec<f64> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut out = vec![
        0.0,
        -0.0,
        1.0,
        -1.0,
        0.1,
        0.5,
        2.5,
        0.125,
        69.996,
        1e15,
        1e16,
        1e21,
        1e22,
        1e23,
        1e-7,
        123456789012345680.0,
        f64::MAX,
        f64::MIN,
        f64::MIN_POSITIVE,
        f64::EPSILON,
        5e-324,
        -5e-324,
        f64::from_bits(0x000f_ffff_ffff_ffff),
        9007199254740993.0,
        f64::NAN,
        -f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
    ];
    for e in -1074..=1023 {
        out.push(2f64.powi(e));
    }
    for n in 0..2000 {
        out.push(f64::from(n));
        out.push(f64::from(n) / 100.0);
        out.push(-f64::from(n) / 8.0);
    }
    for _ in 0..random {
        let bits = rng.next_u64();
        out.push(f64::from_bits(bits));
        // A decimal with a few digits, as packages and scores hold them.
        let digits = (bits >> 11) % 10_000_000;
        let scale = 10f64.powi((bits % 12) as i32);
        out.push(digits as f64 / scale);
        // A small integer or ratio, as counts and percentages are.
        out.push((bits % 100_000) as f64 / ((bits >> 40) % 999 + 1) as f64);
    }
    out
}

#[test]
fn displays_as_std_does() {
    for x in values(1, 100_000) {
        assert_eq!(Decimal(x).to_string(), format!("{x}"), "{:?}", x.to_bits());
    }
}

#[test]
fn displays_fixed_decimals_as_std_does() {
    for x in values(2, 5_000) {
        for decimals in [0, 1, 2, 3, 6, 10, 17] {
            assert_eq!(
                format!("{:.*}", decimals, Decimal(x)),
                format!("{x:.decimals$}"),
                "{:?} .{decimals}",
                x.to_bits()
            );
        }
    }
    for x in [0.125, 0.375, 2.5, 1e-300, 5e-324, f64::MAX, -0.0, -0.001] {
        for decimals in [0, 1, 2, 400, 1074, 1075, 1200] {
            assert_eq!(
                format!("{:.*}", decimals, Decimal(x)),
                format!("{x:.decimals$}")
            );
        }
    }
}

#[test]
fn shortest_digits_are_those_of_lower_exp() {
    for x in values(3, 50_000) {
        if !x.is_finite() {
            continue;
        }
        let shortest = Shortest::of(x);
        let text = format!("{:e}", x.abs());
        let (mantissa, exponent) = text.split_once('e').unwrap();
        let digits: Vec<u8> = mantissa.bytes().filter(u8::is_ascii_digit).collect();
        if x == 0.0 {
            assert!(shortest.digits.is_empty());
            continue;
        }
        assert_eq!(shortest.digits, digits, "{x:e}");
        assert_eq!(
            shortest.point,
            exponent.parse::<i32>().unwrap() + 1,
            "{x:e}"
        );
    }
}

#[test]
fn reads_what_std_writes() {
    for x in values(4, 50_000) {
        if !x.is_finite() {
            continue;
        }
        for text in [
            format!("{x}"),
            format!("{x:?}"),
            format!("{x:e}"),
            format!("{x:.3e}"),
            format!("{x:.25e}"),
            format!("{x:.4}"),
        ] {
            let std = text.parse::<f64>().unwrap();
            assert_eq!(
                parse(&text).map(f64::to_bits),
                Some(std.to_bits()),
                "{text}"
            );
        }
    }
}

/// A random decimal: 1 to 40 digits, a point somewhere or nowhere, an exponent or none.
fn random_decimal(rng: &mut ChaCha8Rng) -> String {
    let r = rng.next_u64();
    let len = (r % 40 + 1) as usize;
    let mut text = String::new();
    if r >> 8 & 1 == 1 {
        text.push('-');
    }
    let point = (r >> 9) as usize % (len + 2);
    for i in 0..len {
        if i == point {
            text.push('.');
        }
        text.push(char::from(b'0' + (rng.next_u64() % 10) as u8));
    }
    if r >> 20 & 1 == 1 {
        let exponent = (r >> 21) as i64 % 700 - 350;
        text.push_str(&format!("e{exponent}"));
    }
    text
}

#[test]
fn reads_random_decimals_as_std_does() {
    let mut rng = ChaCha8Rng::seed_from_u64(5);
    for _ in 0..100_000 {
        let text = random_decimal(&mut rng);
        let std = text.parse::<f64>().unwrap();
        assert_eq!(
            parse(&text).map(f64::to_bits),
            Some(std.to_bits()),
            "{text}"
        );
    }
}

/// The exact decimal expansion of `(2 × mantissa + 1) × 2^(exponent - 1)`: the point halfway
/// between the `f64` `mantissa × 2^exponent` and the next one up.
fn halfway(x: f64) -> String {
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1 << 52) - 1);
    let (mantissa, exponent) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), biased - 1075)
    };
    let mut n = Big::from_u64(2 * mantissa + 1);
    let power = exponent - 1;
    if power >= 0 {
        n.shl(power as u32);
        String::from_utf8(n.to_decimal()).unwrap()
    } else {
        // (2m + 1) × 5^k / 10^k
        let k = power.unsigned_abs();
        for _ in 0..k {
            n.mul_add_small(5, 0);
        }
        let digits = String::from_utf8(n.to_decimal()).unwrap();
        format!("{digits}e-{k}")
    }
}

#[test]
fn reads_halfway_points_to_even() {
    let mut rng = ChaCha8Rng::seed_from_u64(6);
    let mut xs: Vec<f64> = (0..3_000)
        .map(|_| f64::from_bits(rng.next_u64() >> 1))
        .filter(|x| x.is_finite() && *x < f64::MAX)
        .collect();
    xs.extend([
        0.0,
        5e-324,
        1.0,
        0.1,
        9007199254740992.0,
        f64::from_bits(0x000f_ffff_ffff_ffff),
    ]);
    for x in xs {
        let mid = halfway(x);
        let (digits, exponent) = mid.split_once('e').unwrap_or((&mid, "0"));
        let above = format!("{digits}000000000000000000001e{exponent}");
        let below = format!("{}e{exponent}", just_below(digits));
        for text in [&mid, &above, &below] {
            let std = text.parse::<f64>().unwrap();
            assert_eq!(parse(text).map(f64::to_bits), Some(std.to_bits()), "{text}");
        }
    }
}

/// Decimal digits minus one in the last place, then many nines: just below the halfway point.
fn just_below(digits: &str) -> String {
    let mut bytes = digits.as_bytes().to_vec();
    for b in bytes.iter_mut().rev() {
        if *b == b'0' {
            *b = b'9';
        } else {
            *b -= 1;
            break;
        }
    }
    let mut text = String::from_utf8(bytes).unwrap();
    text.push_str("99999999999999999999");
    text.insert(0, '0');
    text
}

#[test]
fn reads_long_and_extreme_numbers() {
    let long_one = format!("1.{}1", "0".repeat(900));
    let long_mid = format!("{}e-1074", "2470328229206232720882538".repeat(40));
    for text in [
        "0",
        "-0",
        "-0.0e-5",
        "1e400",
        "-1e400",
        "1e-400",
        "-1e-400",
        "1e99999999999999999999",
        "1e-99999999999999999999",
        "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791.9999999",
        "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792",
        "2.4703282292062327208828439643411068618252990130716238221279284125033775363510437593264991818081799618989828234772285886546332835517796989819938739800539093906315035659515570226392290858392449105184435931802849936536152500319370457678249219365623669863658480757001585769269903706311928279558551332927834338409351978015531246597263579574622766465272827220056374006485499977096599470454020828166226237857393450736339007967761930577506740176324673600968951340535537458516661134223766678604162159680461914467291840300530057530849048765391711386591646239524912623653881879636239373280423891018672348497668235089863388587925628302755995657524455507255189313690836254779186948667994968324049705821028513185451396213837722826145437693412532098591327667236328125e-324",
        "2.4703282292062327208828439643411068618252990130716238221279284125033775363510437593264991818081799618989828234772285886546332835517796989819938739800539093906315035659515570226392290858392449105184435931802849936536152500319370457678249219365623669863658480757001585769269903706311928279558551332927834338409351978015531246597263579574622766465272827220056374006485499977096599470454020828166226237857393450736339007967761930577506740176324673600968951340535537458516661134223766678604162159680461914467291840300530057530849048765391711386591646239524912623653881879636239373280423891018672348497668235089863388587925628302755995657524455507255189313690836254779186948667994968324049705821028513185451396213837722826145437693412532098591327667236328125001e-324",
        "0.000000000000000000000000000000000000000000000000000000000000000000001",
        "123456789012345678901234567890",
        "9007199254740993",
        "9007199254740993.0000000000000000000000001",
        ".5",
        "5.",
        "+7",
        &long_one,
        &long_mid,
    ] {
        let std = text.parse::<f64>().unwrap();
        assert_eq!(parse(text).map(f64::to_bits), Some(std.to_bits()), "{text}");
    }
}

#[test]
fn refuses_what_is_not_a_number() {
    for text in [
        "", "-", "+", ".", "-.", "e5", "1e", "1e+", "1.2.3", "inf", "NaN", " 1", "1 ", "--1",
        "0x10", "1_000", "1e5.5", "١",
    ] {
        assert_eq!(parse(text), None, "{text:?}");
    }
}
