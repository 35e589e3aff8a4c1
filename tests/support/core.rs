//! The fake credentials planted in `fixtures/core`, shared by the suites that scan it.

/// Every raw value in `fixtures/core` (fake, correctly formatted).
pub const CORE_SECRETS: &[&str] = &[
    "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",
    "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",
    "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",
    "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",
    "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",
    "xoxb-339762600070-5614897071248-FB1f6W70wakADyeJw1w5BsAP",
    "AKIAF5HY6GIPQNFKKJBD",
    "dw1/iN81ljk6YC/JECSBLNaK2VNxk6/zY2gkLpoY",
    "postgresql://billing:xRXwurevxxphZgiZ3Q4@db-billing.internal:5432/billing",
];
