"""Sample dossiers for 山东省“数据赋能”优秀产品 (sd-data-product-2022): the declaration as Word,
the signed and stamped 真实性承诺 as a scan, licence, 法人身份证, 软件著作权登记证书, a sales
contract with its 金额汇总表, and a customer's 用户使用意见 with the customer's seal."""
