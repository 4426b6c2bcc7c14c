"""The planted effects: named true parameters and the probability models that use them.

Every association a study could find in the synthetic data on purpose is defined here,
and :func:`effects_truth` writes the same numbers, with a plain-English description,
to ``truth/effects.json``. Other modules only call these functions.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

# 1. Reminders and no-shows (confounded by lead time).
NO_SHOW_INTERCEPT = -2.4
NO_SHOW_LOG_ODDS_PER_LEAD_WEEK = 0.16
REMINDER_ODDS_RATIO = 0.6
REMINDER_INTERCEPT = -2.2
REMINDER_LOG_ODDS_PER_LEAD_WEEK = 0.55
SHORT_LEAD_SHARE = 0.35
SHORT_LEAD_MAX_DAYS = 7.0
LONG_LEAD_MEAN_EXTRA_DAYS = 28.0
LEAD_MAX_DAYS = 120.0
CANCELLED_SHARE = 0.07
REMINDER_WINDOW_DAYS = 3

# 2. Air quality and pollen raise respiratory encounters.
RESPIRATORY_LOG_RATE_PER_10_AQI = 0.03
RESPIRATORY_LOG_RATE_PER_LOG1P_POLLEN = 0.06
RESPIRATORY_BASE_RATE_PER_YEAR = 0.25
RESPIRATORY_RATE_RATIO_CHRONIC_LUNG = 3.0

# 3. Email engagement and follow-up after a chronic diagnosis.
FOLLOW_UP_INTERCEPT = -0.6
FOLLOW_UP_LOG_ODDS_PER_OPEN_RATE = 2.0
FOLLOW_UP_WINDOW_DAYS = 90
FOLLOW_UP_OPEN_RATE_WITHOUT_EMAIL = 0.0
CHRONIC_DIAGNOSIS_SHARE_OVER_40 = 0.22
CHRONIC_DIAGNOSIS_SHARE_UNDER_40 = 0.04

# 4. Acquisition channel and retention.
RETENTION_REFERENCE_CHANNEL = "Referral"
RETENTION_INTERCEPT = 1.6
RETENTION_ODDS_RATIOS = {"Referral": 1.0, "Web": 0.7, "Event": 0.85, "Social": 0.5, "Mail": 0.6}
RETENTION_ODDS_RATIO_WITHOUT_CONTACT = 0.75
CHANNELS = tuple(RETENTION_ODDS_RATIOS)

# 5. Wait (lead) time and satisfaction.
NPS_INTERCEPT = 9.0
NPS_SLOPE_PER_LEAD_WEEK = -0.4
NPS_NOISE_SD = 1.6


def _logistic(log_odds: np.ndarray) -> np.ndarray:
    return np.asarray(1.0 / (1.0 + np.exp(-log_odds)))


def lead_days(rng: np.random.Generator, count: int) -> np.ndarray:
    """Draw appointment lead times (days from booking to start): a short and a long group."""
    short = rng.random(count) * SHORT_LEAD_MAX_DAYS
    long = SHORT_LEAD_MAX_DAYS + rng.exponential(LONG_LEAD_MEAN_EXTRA_DAYS, count)
    return np.minimum(np.where(rng.random(count) < SHORT_LEAD_SHARE, short, long), LEAD_MAX_DAYS)


def reminder_probability(lead: np.ndarray) -> np.ndarray:
    """Chance that a reminder is sent: long-lead appointments get them far more often."""
    return _logistic(REMINDER_INTERCEPT + REMINDER_LOG_ODDS_PER_LEAD_WEEK * lead / 7.0)


def no_show_probability(lead: np.ndarray, reminded: np.ndarray) -> np.ndarray:
    """Chance of a no-show given lead time (days) and whether a reminder was sent."""
    log_odds = NO_SHOW_INTERCEPT + NO_SHOW_LOG_ODDS_PER_LEAD_WEEK * lead / 7.0
    return _logistic(log_odds + math.log(REMINDER_ODDS_RATIO) * reminded)


def respiratory_multiplier(aqi: np.ndarray, pollen: np.ndarray) -> np.ndarray:
    """Rate ratio of respiratory encounters on a county-day, against AQI 0 and no pollen."""
    return np.asarray(
        np.exp(
            RESPIRATORY_LOG_RATE_PER_10_AQI * aqi / 10.0
            + RESPIRATORY_LOG_RATE_PER_LOG1P_POLLEN * np.log1p(pollen)
        )
    )


def follow_up_probability(open_rate: np.ndarray) -> np.ndarray:
    """Chance of a follow-up encounter within 90 days of a chronic diagnosis."""
    return _logistic(FOLLOW_UP_INTERCEPT + FOLLOW_UP_LOG_ODDS_PER_OPEN_RATE * open_rate)


def retention_probability(channel_odds_ratio: np.ndarray) -> np.ndarray:
    """Chance of staying a patient through the last year of the window."""
    return _logistic(RETENTION_INTERCEPT + np.log(channel_odds_ratio))


def nps_scores(rng: np.random.Generator, lead: np.ndarray) -> np.ndarray:
    """Draw NPS answers (0-10) given the lead time (days) of the appointment surveyed."""
    latent = NPS_INTERCEPT + NPS_SLOPE_PER_LEAD_WEEK * lead / 7.0 + rng.normal(0.0, NPS_NOISE_SD, len(lead))
    return np.clip(np.rint(latent), 0, 10).astype(np.int64)


def effects_truth() -> dict[str, Any]:
    """Return the planted effects, their true parameters and how to recover each."""
    return {
        "reminders_and_no_shows": {
            "description": (
                "Among non-cancelled appointments, the log-odds of a no-show rise with lead time "
                "(days from SCHEDULED_AT to START) and fall with a reminder: a Task of Type 'Reminder' "
                "for the patient's contact dated 1 to 3 days before START. Reminders are sent mostly "
                "for appointments booked far ahead, so the crude reminder-no-show odds ratio is "
                "confounded by lead time: it is near or above 1, while the odds ratio adjusted for "
                "lead time (logistic regression of no-show on reminder + lead weeks) recovers the "
                "true value below 1."
            ),
            "model": "logit P(no-show) = intercept + b_lead * lead_weeks + log(OR_reminder) * reminder",
            "true_adjusted_odds_ratio_reminder": REMINDER_ODDS_RATIO,
            "true_log_odds_per_lead_week": NO_SHOW_LOG_ODDS_PER_LEAD_WEEK,
            "intercept": NO_SHOW_INTERCEPT,
            "reminder_assignment": {
                "model": "logit P(reminder) = a + b * lead_weeks (only for patients with a CRM contact)",
                "intercept": REMINDER_INTERCEPT,
                "log_odds_per_lead_week": REMINDER_LOG_ODDS_PER_LEAD_WEEK,
            },
            "cancelled_share": CANCELLED_SHARE,
            "expectation": "crude OR >= adjusted OR; adjusted OR ~ 0.6 with 95% CI covering 0.6",
        },
        "air_quality_pollen_respiratory": {
            "description": (
                "Each person's daily rate of respiratory encounters (REASONCODE asthma 195967001, "
                "COPD 13645005, acute bronchitis 10509002, viral sinusitis 444814009, viral "
                "pharyngitis 195662009, pneumonia 233604007) is multiplied by "
                "exp(beta_aqi * AQI / 10) * exp(beta_pollen * log1p(total pollen)) of their county "
                "on that day, where total pollen sums every taxon in pollen.csv."
            ),
            "model": (
                "log E[count | county, day] = log(persons) + log(base) + beta_aqi * AQI / 10"
                " + beta_pollen * log1p(pollen)"
            ),
            "beta_aqi_per_10_units": RESPIRATORY_LOG_RATE_PER_10_AQI,
            "rate_ratio_per_10_aqi": math.exp(RESPIRATORY_LOG_RATE_PER_10_AQI),
            "beta_pollen_per_log1p_count": RESPIRATORY_LOG_RATE_PER_LOG1P_POLLEN,
            "base_rate_per_person_year": RESPIRATORY_BASE_RATE_PER_YEAR,
            "rate_ratio_asthma_or_copd_patients": RESPIRATORY_RATE_RATIO_CHRONIC_LUNG,
        },
        "engagement_follow_up": {
            "description": (
                "After a new chronic diagnosis (hypertension 59621000, type 2 diabetes 44054006, "
                "hyperlipidemia 55822004) the chance of a follow-up encounter (ENCOUNTERCLASS "
                "ambulatory, CODE 390906007, REASONCODE = the diagnosis code) within 90 days rises "
                "with the email open rate of the patient's linked contact (share of its Email tasks "
                "with Opened__c true). Patients without a contact or without Email tasks use an "
                "open rate of 0."
            ),
            "model": "logit P(follow-up within 90 days) = intercept + b * open_rate",
            "true_log_odds_per_open_rate": FOLLOW_UP_LOG_ODDS_PER_OPEN_RATE,
            "true_odds_ratio_per_10_points_open_rate": math.exp(FOLLOW_UP_LOG_ODDS_PER_OPEN_RATE / 10),
            "intercept": FOLLOW_UP_INTERCEPT,
            "window_days": FOLLOW_UP_WINDOW_DAYS,
        },
        "channel_retention": {
            "description": (
                "A patient is retained when they still have encounters in the last year of the "
                "window (2023). The odds of retention depend on the Channel of the Campaign their "
                "linked contact was acquired through (CampaignMember), with Referral as reference. "
                "Deaths are independent of channel; exclude patients who died before 2023."
            ),
            "model": "logit P(retained) = intercept + log(OR_channel)",
            "reference_channel": RETENTION_REFERENCE_CHANNEL,
            "intercept": RETENTION_INTERCEPT,
            "true_odds_ratios": dict(RETENTION_ODDS_RATIOS),
            "odds_ratio_patients_without_contact": RETENTION_ODDS_RATIO_WITHOUT_CONTACT,
        },
        "wait_time_satisfaction": {
            "description": (
                "An NPS survey answered 1 to 7 days after an attended appointment scores lower the "
                "longer that appointment's lead time (days from SCHEDULED_AT to START). The latent "
                "score is intercept + slope * lead_weeks + normal noise, rounded and clipped to 0-10, "
                "so a linear regression recovers a slightly attenuated slope."
            ),
            "model": "NPS = clip(round(intercept + slope * lead_days / 7 + e), 0, 10), e ~ N(0, sd)",
            "true_slope_per_7_days": NPS_SLOPE_PER_LEAD_WEEK,
            "intercept": NPS_INTERCEPT,
            "noise_sd": NPS_NOISE_SD,
        },
    }
