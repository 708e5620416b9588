package vn.lienthong.core.calendar;

/** Whether a step or a dossier finished early, on time or late (trước hạn, đúng hạn, quá hạn). */
public enum Timeliness { EARLY, ON_TIME, LATE }
