package io.drplatform.tco.support;

/** Request bodies shared by the tests. */
public final class Requests {
    private Requests() {}

    /** A valid request: a 1 MW IT load over ten years, figures typical of a mid-size data hall. */
    public static final String VALID = """
      {
        "currency": "USD",
        "analysisYears": 10,
        "discountRate": 0.08,
        "electricity": {"pricePerKwh": 0.12, "annualEscalation": 0.03},
        "itLoadKw": 1000,
        "utilization": 0.8,
        "gridKgCo2PerKwh": 0.4,
        "air": {"pue": 1.6, "capexPerKw": 2500, "maintenancePerKwYear": 120},
        "immersion": {"pue": 1.05, "itPowerReduction": 0.1, "capexPerKw": 3500, "coolantCostPerKw": 400,
                      "maintenancePerKwYear": 80}
      }
      """;
}
