"""Environment series: daily values keyed by place and date.

AQI follows the US EPA AirData ``daily_aqi_by_county`` layout; pollen and temperature
use a small long layout keyed by county FIPS (or a station's area) and date. None of
these tables is about a person.
"""

from __future__ import annotations

import dataframely as dy

from data_contracts import phi

__all__ = ["DailyAqi", "DailyPollen", "DailyTemperature"]


def _fips(description: str) -> dy.String:
    return dy.String(description=description, regex=r"^\d{5}$", metadata=phi.safe())


class DailyAqi(dy.Schema):
    """``daily_aqi_by_county_*.csv``: EPA AirData daily AQI, one row per county-day."""

    State_Name = dy.String(alias="State Name", nullable=True, description="State name.", metadata=phi.safe())
    county_Name = dy.String(
        alias="county Name", nullable=True, description="County name.", metadata=phi.safe()
    )
    State_Code = dy.String(
        alias="State Code",
        primary_key=True,
        regex=r"^\d{2}$",
        description="Two-digit state FIPS.",
        metadata=phi.safe(),
    )
    County_Code = dy.String(
        alias="County Code",
        primary_key=True,
        regex=r"^\d{3}$",
        description="Three-digit county FIPS.",
        metadata=phi.safe(),
    )
    Date = dy.Date(primary_key=True, description="Day of the measurement.", metadata=phi.safe())
    AQI = dy.Int64(description="Daily Air Quality Index (0 to 500+).", min=0, metadata=phi.safe())
    Category = dy.String(nullable=True, description="Good, Moderate, Unhealthy, ...", metadata=phi.safe())
    Defining_Parameter = dy.String(
        alias="Defining Parameter",
        nullable=True,
        description="Pollutant setting the AQI.",
        metadata=phi.safe(),
    )
    Defining_Site = dy.String(
        alias="Defining Site", nullable=True, description="Monitor site id.", metadata=phi.safe()
    )
    Number_of_Sites_Reporting = dy.Int64(
        alias="Number of Sites Reporting",
        nullable=True,
        description="Monitors reporting that day.",
        metadata=phi.safe(),
    )


class DailyPollen(dy.Schema):
    """``pollen.csv``: daily pollen count by taxon, one row per area-day-taxon."""

    FIPS = _fips("County FIPS of the counting station's area.")
    DATE = dy.Date(description="Day of the count.", metadata=phi.safe())
    TAXON = dy.String(
        description="Pollen taxon (Ambrosia (Ragweed), Quercus (Oak), ...).", metadata=phi.safe()
    )
    COUNT = dy.Int64(description="Grains per cubic metre.", min=0, metadata=phi.safe())


class DailyTemperature(dy.Schema):
    """``temperature.csv``: daily temperature, one row per county-day."""

    FIPS = _fips("County FIPS.")
    DATE = dy.Date(description="Day.", metadata=phi.safe())
    TMAX_C = dy.Float64(nullable=True, description="Daily maximum, degrees Celsius.", metadata=phi.safe())
    TMEAN_C = dy.Float64(description="Daily mean, degrees Celsius.", metadata=phi.safe())
