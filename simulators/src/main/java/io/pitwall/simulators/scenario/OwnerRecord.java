package io.pitwall.simulators.scenario;

import io.pitwall.contracts.owners.Channel;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One owner as the CRM export describes them (see docs/simulators.md for the CSV columns).
 *
 * @param consent marketing consent per channel
 */
public record OwnerRecord(String ownerId, List<String> vins, double lifetimeValueCny, int visitsLast12Months,
                          LocalDate lastVisitDate, Map<Channel, Boolean> consent, String quietHoursStart,
                          String quietHoursEnd, String timeZone, String locale, String preferredWorkshopId,
                          String preferredWorkshopName, String serviceAdvisor) {
}
