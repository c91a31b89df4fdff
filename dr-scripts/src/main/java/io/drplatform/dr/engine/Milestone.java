package io.drplatform.dr.engine;

/** The moments a drill marks on its timeline; RTO is measured from {@link #FAULT} to {@link #FIRST_ACCEPTED_WRITE}. */
public enum Milestone {
    FAULT("fault injected"),
    DETECTION("failure detected"),
    PROMOTION("standby promoted"),
    ROUTING_SWITCH("routing switched"),
    FIRST_ACCEPTED_WRITE("first accepted write");

    private final String label;

    Milestone(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
