package io.drplatform.dr.drill;

import io.drplatform.dr.engine.DrillStep;
import io.drplatform.dr.provider.DrProvider;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** A provider with the {@link DrillScenario}s it runs itself; what the commands are given. */
public interface ScenarioProvider extends DrProvider {

    /** The scenario's steps for one run here, or empty where this provider cannot run it. */
    default Optional<Function<DrillSession, List<DrillStep>>> scenario(DrillScenario scenario) {
        return Optional.empty();
    }
}
