package io.pitwall.offers.owners;

import io.pitwall.contracts.Json;
import io.pitwall.contracts.owners.Channel;
import io.pitwall.contracts.owners.OwnerProfile;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OwnersCsvReaderTest {

    private static final Instant IMPORTED = Instant.parse("2026-11-24T02:00:00Z");
    /** The header of the simulator's OwnersExport.COLUMNS, in its order. */
    static final String SIMULATOR_HEADER = "owner_id,vins,lifetime_value_cny,visits_last_12_months,last_visit_date,consent_webhook,"
            + "consent_wecom,consent_app,consent_head_unit,quiet_hours_start,quiet_hours_end,time_zone,locale,preferred_workshop_id,"
            + "preferred_workshop_name,service_advisor";
    static final String SIMULATOR_CSV = SIMULATOR_HEADER + "\n"
            + "OWN-N2000001,LSVAU2180N2000001,45210.55,5,2026-10-02,true,true,false,true,22:00,08:00,Asia/Shanghai,zh-CN,WS-SHA-1,Shanghai 4S Store,Li Na\n"
            + "OWN-N2000002,LSVAU2180N2000002;LSVAU2180N2000003,3120.00,0,,false,false,false,false,22:00,08:00,Asia/Urumqi,ug-CN,WS-URU-2,\"Urumqi Service Centre, East\",\n";

    private List<OwnerProfile> read(String csv) {
        return new OwnersCsvReader(IMPORTED).read(new StringReader(csv));
    }

    @Test
    void readsTheSimulatorsExport() {
        List<OwnerProfile> owners = read(SIMULATOR_CSV);

        assertThat(owners).hasSize(2);
        OwnerProfile high = owners.get(0);
        assertThat(high.ownerId()).isEqualTo("OWN-N2000001");
        assertThat(high.vins()).containsExactly("LSVAU2180N2000001");
        assertThat(high.lifetimeValueCny()).isEqualTo(45210.55);
        assertThat(high.visitsLast12Months()).isEqualTo(5);
        assertThat(high.lastVisitAt()).isEqualTo(LocalDate.of(2026, 10, 2).atStartOfDay(ZoneId.of("Asia/Shanghai")).toInstant().toEpochMilli());
        assertThat(high.hasMarketingConsent(Channel.WECOM)).isTrue();
        assertThat(high.hasMarketingConsent(Channel.APP)).isFalse();
        assertThat(high.timeZone()).isEqualTo("Asia/Shanghai");
        assertThat(high.locale()).isEqualTo("zh-CN");
        assertThat(high.preferredWorkshopName()).isEqualTo("Shanghai 4S Store");
        assertThat(high.serviceAdvisor()).isEqualTo("Li Na");
        assertThat(high.updatedAt()).isEqualTo(IMPORTED.toEpochMilli());
        assertThat(high.schemaVersion()).isEqualTo(OwnerProfile.SCHEMA_VERSION);

        OwnerProfile potential = owners.get(1);
        assertThat(potential.vins()).containsExactly("LSVAU2180N2000002", "LSVAU2180N2000003");
        assertThat(potential.lastVisitAt()).isNull();
        assertThat(potential.preferredWorkshopName()).isEqualTo("Urumqi Service Centre, East");
        assertThat(potential.serviceAdvisor()).isNull();
        assertThat(potential.locale()).isEqualTo("ug-CN");
    }

    @Test
    void personalDataColumnsOfACrmExportNeverEnterTheProfile() {
        String csv = "owner_name,phone,wecom_id,owner_id,vins,lifetime_value_cny,visits_last_12_months,consent_wecom\n"
                + "Zhang San,13800138000,zhangsan_wx,OWN-1,LSVAU2180N2000001,100,1,true\n";

        OwnerProfile owner = read(csv).get(0);

        String json = Json.writeString(owner);
        assertThat(json).doesNotContain("Zhang San", "13800138000", "zhangsan_wx");
        assertThat(owner.ownerId()).isEqualTo("OWN-1");
        assertThat(owner.hasMarketingConsent(Channel.WECOM)).isTrue();
    }

    @Test
    void columnOrderDoesNotMatterAndMissingOptionalColumnsMeanNoConsentAndNoZone() {
        OwnerProfile owner = read("visits_last_12_months,lifetime_value_cny,vins,owner_id\n3,15000,VIN1,OWN-9\n").get(0);
        assertThat(owner.ownerId()).isEqualTo("OWN-9");
        assertThat(owner.visitsLast12Months()).isEqualTo(3);
        assertThat(owner.marketingConsent()).isEmpty();
        assertThat(owner.timeZone()).isNull();
    }

    @Test
    void emptyConsentCellMeansNoConsent() {
        OwnerProfile owner = read("owner_id,vins,lifetime_value_cny,visits_last_12_months,consent_app\nOWN-1,V,1,1,\n").get(0);
        assertThat(owner.hasMarketingConsent(Channel.APP)).isFalse();
        assertThat(owner.marketingConsent()).doesNotContainKey(Channel.APP);
    }

    @Test
    void acceptsCrlfLineEndingsAByteOrderMarkAndBlankLines() {
        String csv = "\uFEFF" + SIMULATOR_CSV.replace("\n", "\r\n") + "\r\n";
        assertThat(read(csv)).extracting(OwnerProfile::ownerId).containsExactly("OWN-N2000001", "OWN-N2000002");
        assertThat(read(csv).get(1).serviceAdvisor()).isNull();
    }

    @Test
    void quotedFieldsMayHoldQuotesAndLineBreaks() {
        String csv = "owner_id,vins,lifetime_value_cny,visits_last_12_months,preferred_workshop_name\n"
                + "OWN-1,V,1,1,\"The \"\"Corner\"\"\nGarage\"\nOWN-2,V,1,1,Plain\n";
        List<OwnerProfile> owners = read(csv);
        assertThat(owners.get(0).preferredWorkshopName()).isEqualTo("The \"Corner\"\nGarage");
        assertThat(owners.get(1).preferredWorkshopName()).isEqualTo("Plain");
    }

    @Test
    void refusesAHeaderWithoutARequiredColumn() {
        assertThatThrownBy(() -> read("owner_id,vins,visits_last_12_months\nOWN-1,V,1\n"))
                .isInstanceOf(OwnersCsvException.class)
                .hasMessage("line 1: the header has no column lifetime_value_cny; required columns are owner_id, vins,"
                        + " lifetime_value_cny, visits_last_12_months");
    }

    @Test
    void refusesABadRowNamingItsLineAndColumn() {
        String header = "owner_id,vins,lifetime_value_cny,visits_last_12_months,consent_wecom,time_zone,last_visit_date,locale\n";
        assertThatThrownBy(() -> read(header + "OWN-1,V,1,1,true,,,\nOWN-2,V,lots,1,true,,,\n"))
                .hasMessage("line 3: lifetime_value_cny is \"lots\"; expected a number such as 12500.00");
        assertThatThrownBy(() -> read(header + "OWN-1,V,1,-2,true,,,\n")).hasMessageContaining("line 2: visits_last_12_months is \"-2\"");
        assertThatThrownBy(() -> read(header + "OWN-1,V,1,1,yes,,,\n"))
                .hasMessage("line 2: consent_wecom is \"yes\"; consent must be true, false or empty (= no consent)");
        assertThatThrownBy(() -> read(header + "OWN-1,V,1,1,true,Mars/Olympus,,\n")).hasMessageContaining("time_zone is \"Mars/Olympus\"");
        assertThatThrownBy(() -> read(header + "OWN-1,V,1,1,true,,24/11/2026,\n")).hasMessageContaining("last_visit_date is \"24/11/2026\"");
        assertThatThrownBy(() -> read(header + "OWN-1,V,1,1,true,,,zh_CN!\n")).hasMessageContaining("locale is \"zh_CN!\"");
        assertThatThrownBy(() -> read(header + ",V,1,1,true,,,\n")).hasMessage("line 2: owner_id is empty; every row needs it");
        assertThatThrownBy(() -> read(header + "OWN-1,;,1,1,true,,,\n")).hasMessageContaining("vins is empty");
    }

    @Test
    void refusesAnOwnerListedTwice() {
        assertThatThrownBy(() -> read(SIMULATOR_CSV + SIMULATOR_CSV.lines().skip(1).findFirst().orElseThrow() + "\n"))
                .hasMessage("line 4: owner_id OWN-N2000001 appears twice; each owner must have exactly one row");
    }

    @Test
    void refusesABadQuietHoursValueEvenThoughItIsNotCarried() {
        assertThatThrownBy(() -> read(SIMULATOR_CSV.replaceFirst("22:00", "10pm"))).hasMessageContaining("quiet_hours_start is \"10pm\"");
    }

    @Test
    void refusesAnUnclosedQuote() {
        assertThatThrownBy(() -> read("owner_id,vins,lifetime_value_cny,visits_last_12_months\nOWN-1,\"V,1,1\n"))
                .hasMessage("line 2: a quoted field is not closed before the end of the file");
    }

    @Test
    void refusesAnEmptyFile() {
        assertThatThrownBy(() -> read("")).hasMessageContaining("the owners CSV is empty");
    }
}
