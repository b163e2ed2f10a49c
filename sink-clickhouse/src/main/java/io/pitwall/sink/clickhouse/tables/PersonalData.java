package io.pitwall.sink.clickhouse.tables;

import java.util.List;
import java.util.Locale;

/**
 * Recognises free-form attributes that carry an owner's contact data, so that the encoders can
 * keep them out of analytics even when a channel integration sends them along. The records Pitwall
 * defines have no such fields; this guards the places where channels add their own.
 */
public final class PersonalData {

    private static final List<String> CONTACT_WORDS = List.of(
            "name", "phone", "mobile", "tel", "email", "mail", "wecom", "wechat", "openid", "unionid",
            "address", "idcard", "licence", "license", "plate");

    private PersonalData() {
    }

    /** True if an attribute name suggests contact data (e.g. {@code ownerPhone}, {@code wecom_user_id}). */
    public static boolean isContactAttribute(String name) {
        String n = name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
        for (String word : CONTACT_WORDS) {
            if (n.contains(word)) {
                return true;
            }
        }
        return false;
    }
}
