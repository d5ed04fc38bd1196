/** Events of a case's audit trail that are not case steps: the legal bases of court exports. */
package org.nrmplatform.contracts.audit;
