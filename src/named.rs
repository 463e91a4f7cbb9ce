//! Enums whose variants have link names: one macro writes `ALL`, `name`,
//! `Display` and `FromStr` for each.

/// `named_enum!(Type, "what it is", [Variant => "name", …])` for an enum
/// declared beside it. `ALL` lists the variants in the order given, which is
/// the order the page shows them, and `NAMES` their names.
macro_rules! named_enum {
    ($ty:ident, $what:literal, [$($variant:ident => $name:literal),+ $(,)?]) => {
        impl $ty {
            /// Every variant, in the order the page lists them.
            pub const ALL: [$ty; [$($name),+].len()] = [$($ty::$variant),+];

            /// Every variant's name, in the order of `ALL`.
            pub const NAMES: [&'static str; [$($name),+].len()] = [$($name),+];

            /// The name used in share links and on the page.
            pub fn name(self) -> &'static str {
                match self {
                    $($ty::$variant => $name),+
                }
            }
        }

        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.name())
            }
        }

        impl std::str::FromStr for $ty {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                $ty::ALL
                    .into_iter()
                    .find(|v| v.name() == s)
                    .ok_or_else(|| format!(concat!("unknown ", $what, " \"{}\""), s))
            }
        }
    };
}
