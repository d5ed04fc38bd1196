/**
 * The person's feedback on the assistance received: the case manager's page of a case's feedback (record it, issue
 * a one-time link, take a link back, read what was given) and the person's own page, reached by the link without
 * signing in. docs/architecture.md, decision 45.
 */
package org.nrmplatform.web.feedback;
