package vn.lienthong.app.demo;

import java.util.List;

/** One of the demo agencies, with the codes and names the tutorial uses. */
record DemoAgency(String code, String name, boolean push) {

    /** The provincial reception desk, the land registration office (push) and the finance department (pull). */
    static final List<DemoAgency> ALL = List.of(
            new DemoAgency("000.00.01.H53", "Trung tâm Phục vụ hành chính công tỉnh (demo)", false),
            new DemoAgency("000.01.12.H53", "Văn phòng Đăng ký đất đai (demo)", true),
            new DemoAgency("000.00.05.H53", "Sở Tài chính (demo)", false));
}
