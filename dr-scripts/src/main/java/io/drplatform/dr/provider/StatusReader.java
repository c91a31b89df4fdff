package io.drplatform.dr.provider;

import java.util.List;

/** Each region as {@code dr status} shows it. */
public interface StatusReader {

    List<RegionState> regions() throws Exception;
}
