package vn.lienthong.app.demo;

import java.util.List;
import vn.lienthong.signature.DemoCertificateAuthority.KeyType;

/** One of the demo agencies, with the codes and names the tutorial uses. */
record DemoAgency(String code, String name, boolean push, KeyType keyType) {

    /**
     * The provincial reception desk, the land registration office (push) and the finance
     * department (pull, signing with ECDSA P-256 to show both key types).
     */
    static final List<DemoAgency> ALL = List.of(
            new DemoAgency("000.00.01.H53", "Trung tâm Phục vụ hành chính công tỉnh (demo)", false, KeyType.RSA_2048),
            new DemoAgency("000.01.12.H53", "Văn phòng Đăng ký đất đai (demo)", true, KeyType.RSA_2048),
            new DemoAgency("000.00.05.H53", "Sở Tài chính (demo)", false, KeyType.EC_P256));
}
