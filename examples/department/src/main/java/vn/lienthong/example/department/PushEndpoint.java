package vn.lienthong.example.department;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The endpoint the gateway pushes to (docs/PROTOCOL-REST.md, "Receiving by push"): answers 200
 * once the department has taken the envelope, which is the moment the hand-off is taken. A
 * failure answers 500 and the gateway pushes again; an envelope pushed again after a lost
 * answer is answered 200 without being processed twice.
 */
@RestController
@ConditionalOnProperty(name = "department.mode", havingValue = "push", matchIfMissing = true)
final class PushEndpoint {

    private final Department department;

    PushEndpoint(Department department) {
        this.department = department;
    }

    @PostMapping(path = "${department.push-path:/lienthong/deliveries}")
    ResponseEntity<Void> deliver(@RequestBody byte[] envelope) {
        department.take(envelope);
        return ResponseEntity.ok().build();
    }
}
