/**
 * Working time: which days and hours count toward a deadline, when counting starts for a
 * dossier received late in the day, the due instant of a step, and whether a step finished
 * early, on time or late. Public holidays and compensating workdays are data, one file per
 * year, because the lunar holidays move every year and the government announces the days off
 * one year at a time.
 */
@NullMarked
package vn.lienthong.core.calendar;

import org.jspecify.annotations.NullMarked;
