/**
 * The messages of national action plans against trafficking (issue 19, point 2), which case-service records: a
 * plan with its objectives, activities (responsible institution, deadline, implementation status) and indicators
 * (baseline, target, unit; either bound to one of the NRM performance indicators or reported by an institution),
 * the values institutions report, and the progress reported per period. Every event names its {@code planId}. Events
 * are the permanent record: change them only by adding optional fields (or with an upcaster).
 */
package org.nrmplatform.contracts.actionplans;
