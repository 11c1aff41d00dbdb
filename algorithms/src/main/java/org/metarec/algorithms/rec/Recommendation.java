package org.metarec.algorithms.rec;

/**
 * One recommended item.
 *
 * @param item the item's index in the data
 * @param itemId the item's raw ID
 * @param predicted the predicted rating
 */
public record Recommendation(int item, String itemId, double predicted) {}
