/**
 * Survivor feedback: the person's feedback on the assistance received, each request for it a record of its own
 * ({@link Feedback}): recorded by the case manager, or given by the person through a one-time link the case manager
 * issues ({@link FeedbackLinks}); read by the case's case managers ({@link FeedbackList}), counted anonymously by the
 * performance indicators. docs/architecture.md, decision 45.
 */
package org.nrmplatform.caseservice.feedback;
