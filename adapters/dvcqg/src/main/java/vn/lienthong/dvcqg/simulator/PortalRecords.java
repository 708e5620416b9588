package vn.lienthong.dvcqg.simulator;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What the simulator holds: each dossier's latest record by {@code MaHoSo}, each dossier's
 * progress records, and the requests in order. Idempotent as the portal is expected to be: a
 * dossier received again replaces its record; a progress record whose step identity
 * ({@code MaHoSo}, {@code ThoiDiemXuLy}, {@code PhongBanXuLy}, {@code NoiDungXuLy}) was received
 * before replaces that one in its place, so a retried call never doubles a row.
 */
final class PortalRecords {

    /** Requests kept for the state view; older ones are dropped (and counted) so a long demo stays small. */
    static final int MAX_CALLS = 10_000;

    private final Map<String, Map<String, Object>> dossiers = new LinkedHashMap<>();
    private final Map<String, Map<String, Map<String, Object>>> progress = new LinkedHashMap<>();
    private final Deque<ReceivedCall> calls = new ArrayDeque<>();
    private long sequence;
    private long callsDropped;
    private long repeats;

    synchronized void upsertDossiers(List<Map<String, Object>> records) {
        for (Map<String, Object> record : records) {
            if (dossiers.put(String.valueOf(record.get("MaHoSo")), copy(record)) != null) {
                repeats++;
            }
        }
    }

    /** Adds progress records, all or none: each must be of a dossier the portal holds. */
    synchronized void addProgress(List<Map<String, Object>> records) {
        for (int i = 0; i < records.size(); i++) {
            String code = String.valueOf(records.get(i).get("MaHoSo"));
            if (!dossiers.containsKey(code)) {
                throw RecordValidation.invalid("data[" + i + "].MaHoSo",
                        "dossier " + code + " is not on the portal; send it with DongBoHoSoMC first");
            }
        }
        for (Map<String, Object> record : records) {
            Map<String, Map<String, Object>> steps = progress.computeIfAbsent(String.valueOf(record.get("MaHoSo")),
                    code -> new LinkedHashMap<>());
            if (steps.put(stepIdentity(record), copy(record)) != null) {
                repeats++;
            }
        }
    }

    /** The identity of a progress step: what makes two records the same step sent twice. */
    static String stepIdentity(Map<String, Object> record) {
        return String.join("\u001f", String.valueOf(record.get("MaHoSo")), String.valueOf(record.get("ThoiDiemXuLy")),
                String.valueOf(record.get("PhongBanXuLy")), String.valueOf(record.get("NoiDungXuLy")));
    }

    synchronized ReceivedCall record(Instant at, String endpoint, @Nullable String service, @Nullable String dstcode,
                                     Map<String, Object> fields, int httpStatus, int errorCode, String message) {
        ReceivedCall call = new ReceivedCall(++sequence, at, endpoint, service, dstcode, copy(fields), httpStatus,
                errorCode, message);
        calls.addLast(call);
        if (calls.size() > MAX_CALLS) {
            calls.removeFirst();
            callsDropped++;
        }
        return call;
    }

    synchronized Optional<Map<String, Object>> dossier(String code) {
        return Optional.ofNullable(dossiers.get(code)).map(PortalRecords::copy);
    }

    synchronized Map<String, Map<String, Object>> dossiers() {
        Map<String, Map<String, Object>> all = new LinkedHashMap<>();
        dossiers.forEach((code, record) -> all.put(code, copy(record)));
        return Collections.unmodifiableMap(all);
    }

    synchronized List<Map<String, Object>> progress(String code) {
        return progress.getOrDefault(code, Map.of()).values().stream().map(PortalRecords::copy).toList();
    }

    synchronized List<ReceivedCall> calls() {
        return List.copyOf(calls);
    }

    /** Everything held, as the state endpoint shows it. */
    synchronized Map<String, Object> state() {
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("dossiers", dossiers.size());
        counts.put("progressRecords", progress.values().stream().mapToInt(Map::size).sum());
        counts.put("calls", sequence);
        counts.put("accepted", calls.stream().filter(ReceivedCall::accepted).count());
        counts.put("refused", calls.stream().filter(call -> !call.accepted()).count());
        counts.put("authentications", calls.stream()
                .filter(call -> call.endpoint().equals(ReceivedCall.AUTH) && call.accepted()).count());
        counts.put("repeatsAbsorbed", repeats);
        counts.put("callsDropped", callsDropped);
        Map<String, Object> progressByDossier = new LinkedHashMap<>();
        progress.forEach((code, steps) -> progressByDossier.put(code, new ArrayList<>(steps.values())));
        List<Map<String, Object>> callList = new ArrayList<>();
        for (ReceivedCall call : calls) {
            Map<String, Object> shown = new LinkedHashMap<>();
            shown.put("sequence", call.sequence());
            shown.put("at", call.at().toString());
            shown.put("endpoint", call.endpoint());
            shown.put("service", call.service());
            shown.put("dstcode", call.dstcode());
            shown.put("httpStatus", call.httpStatus());
            shown.put("errorCode", call.errorCode());
            shown.put("message", call.message());
            shown.put("fields", call.fields());
            callList.add(shown);
        }
        Map<String, Object> state = new LinkedHashMap<>();
        state.put("counts", counts);
        state.put("dossiers", new LinkedHashMap<>(dossiers));
        state.put("progress", progressByDossier);
        state.put("calls", callList);
        return state;
    }

    synchronized void clear() {
        dossiers.clear();
        progress.clear();
        calls.clear();
        sequence = 0;
        callsDropped = 0;
        repeats = 0;
    }

    private static Map<String, Object> copy(Map<String, Object> record) {
        return Collections.unmodifiableMap(new LinkedHashMap<>(record));
    }
}
