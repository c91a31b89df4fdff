package io.drplatform.dr.engine;

import java.util.List;
import java.util.Objects;

/**
 * One provider operation bound to its arguments: what it would do, listed by {@code --dry-run}, and doing it. The
 * plan and the action come from the same place, so a dry run shows exactly the calls a real run makes.
 *
 * @param plan   the API calls or commands, in the order the action makes them
 * @param action makes them; returns a one-line detail for the report
 */
public record Operation(List<String> plan, StepAction action) {
    public Operation {
        plan = List.copyOf(plan);
        Objects.requireNonNull(action);
    }

    public String run(StepContext context) throws Exception {
        return action.run(context);
    }
}
